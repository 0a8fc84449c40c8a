import type { Collection, Db } from "mongodb";
import type { CoordinationJournal, JournalEntry, JournalOutcome, JournalStep } from "../journal.ts";

type JournalDocument = Omit<JournalEntry, "coordinationId"> & {
  _id: string;
  status: "in_progress" | JournalOutcome;
  finishedAt: Date | null;
};

type StepDocument = JournalStep & { coordinationId: string; at: Date };

export const JOURNAL_COLLECTION = "coordination_journal";
export const JOURNAL_STEPS_COLLECTION = "coordination_journal_steps";

/**
 * The coordination journal in MongoDB: one document per coordination, whose status changes once, and
 * steps as documents of their own. Steps are inserted, never pushed onto the entry: FerretDB v1's updates
 * read then write, so concurrent updates of one document could lose the entry's final status.
 */
export class MongoCoordinationJournal implements CoordinationJournal {
  readonly #entries: Collection<JournalDocument>;
  readonly #steps: Collection<StepDocument>;

  constructor(db: Db) {
    this.#entries = db.collection<JournalDocument>(JOURNAL_COLLECTION);
    this.#steps = db.collection<StepDocument>(JOURNAL_STEPS_COLLECTION);
  }

  async begin(entry: JournalEntry): Promise<void> {
    const { coordinationId, ...rest } = entry;
    await this.#entries.insertOne({ _id: coordinationId, ...rest, status: "in_progress", finishedAt: null });
  }

  async step(coordinationId: string, step: JournalStep): Promise<void> {
    await this.#steps.insertOne({ ...step, coordinationId, at: new Date() });
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
