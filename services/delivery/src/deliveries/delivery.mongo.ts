import { ensureIndexes, MongoAggregateRepository } from "@starter/service-kit/mongo";
import type { Db } from "mongodb";
import type { Delivery, DeliveryStatus } from "./delivery.ts";

/**
 * The stored shape. Only this file knows `_id`, field names and indexes. Unlike the kit's default (the
 * aggregate stored as it is), coordinates are stored as `lat` / `lng`: the example of a mapping of one's own.
 */
type DeliveryDocument = {
  _id: string;
  ownerId: string;
  pickup: { lat: number; lng: number };
  dropoff: { lat: number; lng: number };
  deadline: Date;
  expedited: boolean;
  packages: { id: string; size: "small" | "medium" | "large"; weightKg: number }[];
  status: DeliveryStatus;
  version: number;
  confirmation: { receivedBy: string; confirmedAt: Date } | null;
  dispatchedBy?: string | null;
};

export const DELIVERIES_COLLECTION = "deliveries";

/** Created at start-up; both serve the filtered, id-ordered collection pages. */
export async function createDeliveryIndexes(db: Db): Promise<void> {
  await ensureIndexes(db.collection<DeliveryDocument>(DELIVERIES_COLLECTION), [
    { key: { ownerId: 1, _id: 1 }, name: "ownerId_id" },
    { key: { status: 1, _id: 1 }, name: "status_id" },
  ]);
}

/** The deliveries collection, filtered by status and owner (`list`), with this file's mapping. */
export class MongoDeliveryRepository extends MongoAggregateRepository<Delivery, DeliveryDocument> {
  constructor(db: Db) {
    super(db.collection<DeliveryDocument>(DELIVERIES_COLLECTION), { toDocument, fromDocument: toDelivery });
  }
}

function toDocument(delivery: Delivery): DeliveryDocument {
  return {
    _id: delivery.id,
    ownerId: delivery.ownerId,
    pickup: { lat: delivery.pickup.latitude, lng: delivery.pickup.longitude },
    dropoff: { lat: delivery.dropoff.latitude, lng: delivery.dropoff.longitude },
    deadline: delivery.deadline,
    expedited: delivery.expedited,
    packages: delivery.packages.map((pkg) => ({ id: pkg.id, size: pkg.size, weightKg: pkg.weightKg })),
    status: delivery.status,
    version: delivery.version,
    confirmation: delivery.confirmation
      ? { receivedBy: delivery.confirmation.receivedBy, confirmedAt: delivery.confirmation.confirmedAt }
      : null,
    dispatchedBy: delivery.dispatchedBy,
  };
}

function toDelivery(document: DeliveryDocument): Delivery {
  return {
    id: document._id,
    ownerId: document.ownerId,
    pickup: { latitude: document.pickup.lat, longitude: document.pickup.lng },
    dropoff: { latitude: document.dropoff.lat, longitude: document.dropoff.lng },
    deadline: document.deadline,
    expedited: document.expedited,
    packages: document.packages.map((pkg) => ({ id: pkg.id, size: pkg.size, weightKg: pkg.weightKg })),
    status: document.status,
    version: document.version,
    confirmation: document.confirmation
      ? { receivedBy: document.confirmation.receivedBy, confirmedAt: document.confirmation.confirmedAt }
      : null,
    dispatchedBy: document.dispatchedBy ?? null,
  };
}
