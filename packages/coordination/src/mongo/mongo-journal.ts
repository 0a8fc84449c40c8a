import type { Collection, Db } from "mongodb";
import type { CoordinationJournal, JournalEntry, JournalOutcome, JournalStep } from "../journal.ts";

type JournalDocument = Omit<JournalEntry, "coordinationId"> & {
  _id: string;
  status: "in_progress" | JournalOutcome;
  steps: (JournalStep & { at: Date })[];
  finishedAt: Date | null;
};

export const JOURNAL_COLLECTION = "coordination_journal";

/** The coordination journal in a MongoDB collection: one document per coordination, steps appended. */
export class MongoCoordinationJournal implements CoordinationJournal {
  readonly #entries: Collection<JournalDocument>;

  constructor(db: Db) {
    this.#entries = db.collection<JournalDocument>(JOURNAL_COLLECTION);
  }

  async begin(entry: JournalEntry): Promise<void> {
    const { coordinationId, ...rest } = entry;
    await this.#entries.insertOne({ _id: coordinationId, ...rest, status: "in_progress", steps: [], finishedAt: null });
  }

  async step(coordinationId: string, step: JournalStep): Promise<void> {
    await this.#entries.updateOne({ _id: coordinationId }, { $push: { steps: { ...step, at: new Date() } } });
  }

  async finish(coordinationId: string, outcome: JournalOutcome): Promise<void> {
    await this.#entries.updateOne({ _id: coordinationId }, { $set: { status: outcome, finishedAt: new Date() } });
  }

  async listUnfinished(startedBefore: Date): Promise<readonly JournalEntry[]> {
    const documents = await this.#entries
      .find({ status: "in_progress", startedAt: { $lt: startedBefore } })
      .sort({ startedAt: 1 })
      .toArray();
    return documents.map(({ _id, resourceId, startedAt, participants }) => ({
      coordinationId: _id,
      resourceId,
      startedAt,
      participants,
    }));
  }
}
