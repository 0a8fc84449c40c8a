import type { Delivery, DeliveryStatus } from "./delivery.ts";

export type DeliveryFilter = Readonly<{ status?: DeliveryStatus; ownerId?: string }>;

/** Keyset paging by id: `afterId` is the last id of the previous page. */
export type PageRequest = Readonly<{ limit: number; afterId?: string }>;

export type Page<T> = Readonly<{ items: readonly T[]; hasMore: boolean }>;

/**
 * The port the use cases need. Writes are conditional and report what happened instead of throwing,
 * so a lost race is a value the caller must handle, never a silently lost update.
 */
export interface DeliveryRepository {
  findById(id: string): Promise<Delivery | undefined>;
  /** `duplicate` when a delivery with this id exists already (someone else created it first). */
  insert(delivery: Delivery): Promise<"inserted" | "duplicate">;
  /** Replaces only if the stored version is still `expectedVersion`; else `stale`. */
  replace(delivery: Delivery, expectedVersion: number): Promise<"replaced" | "stale">;
  /** Removes only if the stored version is still `expectedVersion`; else `stale`. */
  remove(id: string, expectedVersion: number): Promise<"removed" | "stale">;
  list(filter: DeliveryFilter, page: PageRequest): Promise<Page<Delivery>>;
}
