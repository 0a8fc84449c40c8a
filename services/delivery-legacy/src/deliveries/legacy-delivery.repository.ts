import type { LegacyDelivery } from "./legacy-delivery.ts";

/** The port: conditional writes that report a lost race instead of throwing. */
export interface LegacyDeliveryRepository {
  findById(id: string): Promise<LegacyDelivery | undefined>;
  insert(delivery: LegacyDelivery): Promise<"inserted" | "duplicate">;
  replace(delivery: LegacyDelivery, expectedVersion: number): Promise<"replaced" | "stale">;
  remove(id: string, expectedVersion: number): Promise<"removed" | "stale">;
}
