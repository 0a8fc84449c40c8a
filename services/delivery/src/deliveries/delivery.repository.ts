import type { VersionedRepository } from "@starter/service-kit/versioned-writes";
import type { Delivery, DeliveryStatus } from "./delivery.ts";

export type DeliveryFilter = Readonly<{ status?: DeliveryStatus; ownerId?: string }>;

/** Keyset paging by id: `afterId` is the last id of the previous page. */
export type PageRequest = Readonly<{ limit: number; afterId?: string }>;

export type Page<T> = Readonly<{ items: readonly T[]; hasMore: boolean }>;

/** The port the use cases need: the write engine's conditional writes, and the filtered collection. */
export interface DeliveryRepository extends VersionedRepository<Delivery> {
  list(filter: DeliveryFilter, page: PageRequest): Promise<Page<Delivery>>;
}
