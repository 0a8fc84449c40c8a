import { isDuplicateKeyError } from "@starter/service-kit/mongo";
import type { Collection, Db } from "mongodb";
import type { LegacyDeliveryRepository } from "./legacy-delivery.repository.ts";
import type { LegacyDelivery } from "./legacy-delivery.ts";

type LegacyDeliveryDocument = Omit<LegacyDelivery, "id" | "packageIds"> & { _id: string; packageIds: string[] };

export class MongoLegacyDeliveryRepository implements LegacyDeliveryRepository {
  readonly #collection: Collection<LegacyDeliveryDocument>;

  constructor(db: Db) {
    this.#collection = db.collection<LegacyDeliveryDocument>("deliveries");
  }

  async findById(id: string): Promise<LegacyDelivery | undefined> {
    const document = await this.#collection.findOne({ _id: id });
    if (!document) return undefined;
    const { _id, ...rest } = document;
    return { id: _id, ...rest };
  }

  async insert(delivery: LegacyDelivery): Promise<"inserted" | "duplicate"> {
    try {
      await this.#collection.insertOne(toDocument(delivery));
      return "inserted";
    } catch (error) {
      if (isDuplicateKeyError(error)) return "duplicate";
      throw error;
    }
  }

  async replace(delivery: LegacyDelivery, expectedVersion: number): Promise<"replaced" | "stale"> {
    const result = await this.#collection.replaceOne(
      { _id: delivery.id, version: expectedVersion },
      toDocument(delivery),
    );
    return result.matchedCount === 1 ? "replaced" : "stale";
  }

  async remove(id: string, expectedVersion: number): Promise<"removed" | "stale"> {
    const result = await this.#collection.deleteOne({ _id: id, version: expectedVersion });
    return result.deletedCount === 1 ? "removed" : "stale";
  }
}

function toDocument(delivery: LegacyDelivery): LegacyDeliveryDocument {
  const { id, packageIds, ...rest } = delivery;
  return { _id: id, ...rest, packageIds: [...packageIds] };
}
