import type { Collection, Db } from "mongodb";
import type { DriftStore } from "../drift-store.ts";
import type { DriftRecord } from "../outcome.ts";

type DriftDocument = Omit<DriftRecord, "coordinationId"> & {
  _id: string;
  status: "open" | "repaired";
  repairedAt: Date | null;
};

export const DRIFTS_COLLECTION = "coordination_drifts";

/** Drifts in a MongoDB collection, one document per coordination, open until repaired. */
export class MongoDriftStore implements DriftStore {
  readonly #drifts: Collection<DriftDocument>;

  constructor(db: Db) {
    this.#drifts = db.collection<DriftDocument>(DRIFTS_COLLECTION);
  }

  async record(drift: DriftRecord): Promise<void> {
    const { coordinationId, ...rest } = drift;
    await this.#drifts.insertOne({ _id: coordinationId, ...rest, status: "open", repairedAt: null });
  }

  async countOpen(): Promise<number> {
    return this.#drifts.countDocuments({ status: "open" });
  }

  async listOpen(): Promise<readonly DriftRecord[]> {
    const documents = await this.#drifts.find({ status: "open" }).sort({ detectedAt: 1 }).toArray();
    return documents.map(({ _id, status: _status, repairedAt: _repairedAt, ...rest }) => ({
      coordinationId: _id,
      ...rest,
    }));
  }

  async markRepaired(coordinationId: string, at: Date): Promise<void> {
    await this.#drifts.updateOne({ _id: coordinationId }, { $set: { status: "repaired", repairedAt: at } });
  }
}
