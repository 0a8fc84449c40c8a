import { ensureIndexes, MongoAggregateRepository } from "@starter/service-kit/mongo";
import type { Db } from "mongodb";
import type { Coordinates, Delivery, DeliveryStatus } from "./delivery.ts";

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
  packages: readonly { id: string; size: "small" | "medium" | "large"; weightKg: number }[];
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

/** Everything but the coordinates is stored as the aggregate has it. */
function toDocument({ id, pickup, dropoff, ...stored }: Delivery): DeliveryDocument {
  return { _id: id, ...stored, pickup: toLatLng(pickup), dropoff: toLatLng(dropoff) };
}

function toDelivery({ _id, pickup, dropoff, dispatchedBy, ...stored }: DeliveryDocument): Delivery {
  const coordinates = { pickup: fromLatLng(pickup), dropoff: fromLatLng(dropoff) };
  // Deliveries stored before dispatches were recorded have no dispatchedBy.
  return { id: _id, ...stored, ...coordinates, dispatchedBy: dispatchedBy ?? null };
}

const toLatLng = ({ latitude, longitude }: Coordinates) => ({ lat: latitude, lng: longitude });
const fromLatLng = ({ lat, lng }: { lat: number; lng: number }): Coordinates => ({ latitude: lat, longitude: lng });
