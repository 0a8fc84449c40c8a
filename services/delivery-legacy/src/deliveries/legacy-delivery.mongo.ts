import { MongoVersionedRepository } from "@starter/service-kit/mongo";
import type { Db } from "mongodb";
import type { LegacyDeliveryRepository } from "./legacy-delivery.repository.ts";
import type { LegacyDelivery } from "./legacy-delivery.ts";

type LegacyDeliveryDocument = Omit<LegacyDelivery, "id" | "packageIds"> & { _id: string; packageIds: string[] };

export class MongoLegacyDeliveryRepository
  extends MongoVersionedRepository<LegacyDelivery, LegacyDeliveryDocument>
  implements LegacyDeliveryRepository
{
  constructor(db: Db) {
    super(db.collection<LegacyDeliveryDocument>("deliveries"), { toDocument, fromDocument });
  }
}

function toDocument(delivery: LegacyDelivery): LegacyDeliveryDocument {
  const { id, packageIds, ...rest } = delivery;
  return { _id: id, ...rest, packageIds: [...packageIds] };
}

function fromDocument(document: LegacyDeliveryDocument): LegacyDelivery {
  const { _id, ...rest } = document;
  return { id: _id, ...rest };
}
