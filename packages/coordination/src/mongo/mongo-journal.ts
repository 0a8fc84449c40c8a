import { ensureIndexes, ensureTtlIndex } from "@starter/service-kit/mongo";
import type { Collection, Db } from "mongodb";
import type { CoordinationJournal, JournalEntry, JournalOutcome, JournalStep } from "../journal.ts";
import { GroupCommit } from "./group-commit.ts";

/** `expiresAt` is set when the entry finishes: an unfinished one is kept until recovery finishes it. */
type JournalDocument = Omit<JournalEntry, "coordinationId"> & {
  _id: string;
  status: "in_progress" | JournalOutcome;
  finishedAt: Date | null;
  expiresAt?: Date;
};

type StepDocument = JournalStep & { coordinationId: string; at: Date; expiresAt: Date };

type Finish = Readonly<{ coordinationId: string; outcome: JournalOutcome }>;

export const JOURNAL_COLLECTION = "coordination_journal";
export const JOURNAL_STEPS_COLLECTION = "coordination_journal_steps";

/** How long a finished coordination and its steps are kept (for whoever investigates one) unless told otherwise. */
export const DEFAULT_JOURNAL_RETENTION_MS = 7 * 24 * 60 * 60 * 1_000;

/**
 * Created at start-up. Recovery's query (every few seconds) reads unfinished entries by their start, so
 * it stays an index range however long the journal grows; finished entries and steps expire by a TTL
 * index where the server has them (says whether it does: elsewhere, `deleteExpired` sweeps them).
 */
export async function createJournalIndexes(db: Db): Promise<{ expiresByTtl: boolean }> {
  const entries = db.collection<JournalDocument>(JOURNAL_COLLECTION);
  await ensureIndexes(entries, [{ key: { status: 1, startedAt: 1 }, name: "status_startedAt" }]);
  const entriesExpire = await ensureTtlIndex(entries, "expiresAt");
  const stepsExpire = await ensureTtlIndex(db.collection<StepDocument>(JOURNAL_STEPS_COLLECTION), "expiresAt");
  return { expiresByTtl: entriesExpire && stepsExpire };
}

/**
 * The coordination journal in MongoDB: one document per coordination, whose status changes once, and
 * steps as documents of their own. Steps are inserted, never pushed onto the entry: FerretDB v1's updates
 * read then write, so concurrent updates of one document could lose the entry's final status. A finished
 * entry is kept for `retentionMs`, then removed (TTL, or `deleteExpired`); an unfinished one never is.
 */
export class MongoCoordinationJournal implements CoordinationJournal {
  readonly #entries: Collection<JournalDocument>;
  readonly #steps: Collection<StepDocument>;
  readonly #retentionMs: number;
  readonly #finishes = new GroupCommit<Finish>((batch) => this.#finishAll(batch));

  constructor(db: Db, options: { retentionMs?: number } = {}) {
    this.#entries = db.collection<JournalDocument>(JOURNAL_COLLECTION);
    this.#steps = db.collection<StepDocument>(JOURNAL_STEPS_COLLECTION);
    this.#retentionMs = options.retentionMs ?? DEFAULT_JOURNAL_RETENTION_MS;
  }

  async begin(entry: JournalEntry): Promise<void> {
    const { coordinationId, ...rest } = entry;
    await this.#entries.insertOne({ _id: coordinationId, ...rest, status: "in_progress", finishedAt: null });
  }

  async step(coordinationId: string, step: JournalStep): Promise<void> {
    const at = new Date();
    await this.#steps.insertOne({ ...step, coordinationId, at, expiresAt: this.#expiryFrom(at) });
  }

  /**
   * Finishes are group-committed: those that arrive while one is being written go together in the next
   * write. Every coordination finishes with one, so at load this is most of the journal's commands.
   * Settles once written.
   */
  finish(coordinationId: string, outcome: JournalOutcome): Promise<void> {
    return this.#finishes.add({ coordinationId, outcome });
  }

  /** One command for the batch, an update by id per entry (FerretDB v1 reads the whole collection for an `$in`). */
  async #finishAll(batch: readonly Finish[]): Promise<void> {
    const finishedAt = new Date();
    const expiresAt = this.#expiryFrom(finishedAt);
    await this.#entries.bulkWrite(
      batch.map(({ coordinationId, outcome }) => ({
        updateOne: { filter: { _id: coordinationId }, update: { $set: { status: outcome, finishedAt, expiresAt } } },
      })),
      { ordered: false },
    );
  }

  /** Removes finished entries and steps past their retention: the sweep where there is no TTL index. */
  async deleteExpired(now: Date): Promise<void> {
    await this.#entries.deleteMany({ expiresAt: { $lt: now } });
    await this.#steps.deleteMany({ expiresAt: { $lt: now } });
  }

  #expiryFrom(date: Date): Date {
    return new Date(date.getTime() + this.#retentionMs);
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
