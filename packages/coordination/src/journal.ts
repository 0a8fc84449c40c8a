import type { Intended, ParticipantState } from "./participant.ts";

/** What a coordination is about to do, recorded before its first write. */
export type JournalEntry = Readonly<{
  coordinationId: string;
  resourceId: string;
  startedAt: Date;
  participants: readonly Readonly<{ participant: string; intended: Intended; original: ParticipantState }>[];
}>;

export type JournalStep = Readonly<{ participant: string; action: "write" | "revert"; result: string }>;

export type JournalOutcome = "committed" | "reverted" | "drift";

/**
 * The coordination journal: written before the first write and after each step that did not go as planned
 * (a write refused, failed or unanswered, every revert), so a caller that crashes
 * part-way leaves an unfinished entry that recovery finishes, reverts or records as drift on restart.
 */
export interface CoordinationJournal {
  begin(entry: JournalEntry): Promise<void>;
  step(coordinationId: string, step: JournalStep): Promise<void>;
  finish(coordinationId: string, outcome: JournalOutcome): Promise<void>;
  /** Entries still in progress that started before `startedBefore` (their caller is gone). */
  listUnfinished(startedBefore: Date): Promise<readonly JournalEntry[]>;
}

/** For callers that do not need crash recovery (tests of the state machine, one-off scripts). */
export const NO_JOURNAL: CoordinationJournal = {
  begin: async () => {},
  step: async () => {},
  finish: async () => {},
  listUnfinished: async () => [],
};
