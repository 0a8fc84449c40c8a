import type { Logger } from "pino";
import type { Coordinator } from "./coordinator.ts";
import type { CoordinationJournal, JournalOutcome } from "./journal.ts";

/**
 * Finishes every coordination that a crashed caller left in progress: run at start and periodically.
 * Only entries older than `settleMs` are touched, so a write still in flight in a live caller is not raced.
 */
export async function recoverUnfinished<Shared>(
  coordinator: Coordinator<Shared>,
  journal: CoordinationJournal,
  options: { settleMs: number; log: Logger },
): Promise<Record<JournalOutcome, number>> {
  const counts: Record<JournalOutcome, number> = { committed: 0, reverted: 0, drift: 0 };
  for (const entry of await journal.listUnfinished(new Date(Date.now() - options.settleMs))) {
    const outcome = await coordinator.recover(entry);
    counts[outcome] += 1;
    options.log.warn({ coordinationId: entry.coordinationId, outcome }, "recovered an unfinished coordination");
  }
  return counts;
}
