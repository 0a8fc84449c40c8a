import type { Page, PageRequest, VersionedRepository } from "@starter/service-kit/versioned-writes";
import type { Delivery, DeliveryStatus } from "./delivery.ts";

export type DeliveryFilter = Readonly<{ status?: DeliveryStatus; ownerId?: string }>;

/** The port the use cases need: the write engine's conditional writes, and the filtered collection. */
export interface DeliveryRepository extends VersionedRepository<Delivery> {
  list(filter: DeliveryFilter, page: PageRequest): Promise<Page<Delivery>>;
}
