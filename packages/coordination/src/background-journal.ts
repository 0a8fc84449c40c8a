import type { Logger } from "pino";
import type { CoordinationJournal, JournalEntry, JournalOutcome, JournalStep } from "./journal.ts";

/** Whether the journal's finish is waited for (recovery) or left to complete after the answer (a client's coordination). */
export type JournalFinish = "awaited" | "in background";

/**
 * The coordination journal as the coordinator writes it: the entry before the first write is awaited;
 * steps and a client's finish are written after the answer, tracked so that `settle` can wait for them.
 */
export class BackgroundJournal {
  readonly #journal: CoordinationJournal;
  readonly #unawaited = new Set<Promise<void>>();

  constructor(journal: CoordinationJournal) {
    this.#journal = journal;
  }

  /** Recorded before the first write, and waited for: recovery must know of every write that may land. */
  begin(entry: JournalEntry): Promise<void> {
    return this.#journal.begin(entry);
  }

  step(coordinationId: string, step: JournalStep, log: Logger): void {
    this.#inBackground(this.#journal.step(coordinationId, step), log, "journal step not recorded");
  }

  /**
   * Finishes an entry. A client's answer does not wait for that write: it only tells recovery there is
   * nothing left to do. An entry whose finish is lost (a crash in between) is settled by recovery reading
   * both sides: committed when they still hold what was intended.
   */
  async finish(coordinationId: string, outcome: JournalOutcome, log: Logger, finish: JournalFinish): Promise<void> {
    const finished = this.#journal.finish(coordinationId, outcome);
    if (finish === "awaited") await finished;
    else this.#inBackground(finished, log, "journal entry not finished");
  }

  /**
   * Waits for the journal writes that answers did not wait for. A process calls it once it takes no more
   * requests and before it closes the database: a finish cut off there leaves its entry to recovery.
   */
  async settle(): Promise<void> {
    while (this.#unawaited.size > 0) await Promise.all([...this.#unawaited]);
  }

  #inBackground(write: Promise<void>, log: Logger, failure: string): void {
    const tracked: Promise<void> = write
      .catch((error: unknown) => log.error({ err: error }, failure))
      .finally(() => this.#unawaited.delete(tracked));
    this.#unawaited.add(tracked);
  }
}
