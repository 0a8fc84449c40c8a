import { deleteIfVersion, insertUnlessPresent, replaceIfVersion } from "@starter/service-kit/mongo";
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

  insert(delivery: LegacyDelivery): Promise<"inserted" | "duplicate"> {
    return insertUnlessPresent(this.#collection, toDocument(delivery));
  }

  replace(delivery: LegacyDelivery, expectedVersion: number): Promise<"replaced" | "stale"> {
    return replaceIfVersion(this.#collection, toDocument(delivery), expectedVersion);
  }

  remove(id: string, expectedVersion: number): Promise<"removed" | "stale"> {
    return deleteIfVersion(this.#collection, id, expectedVersion);
  }
}

function toDocument(delivery: LegacyDelivery): LegacyDeliveryDocument {
  const { id, packageIds, ...rest } = delivery;
  return { _id: id, ...rest, packageIds: [...packageIds] };
}
