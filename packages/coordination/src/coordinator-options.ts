import type { Logger } from "pino";
import type { ClientCondition } from "./client-condition.ts";
import type { DriftStore } from "./drift-store.ts";
import type { CoordinationJournal } from "./journal.ts";
import type { CoordinationOutcome } from "./outcome.ts";
import type { Participant } from "./participant.ts";
import type { RetryPolicy } from "./retry-policy.ts";

export type CoordinatorOptions<Shared> = Readonly<{
  participants: readonly Participant<Shared>[];
  driftStore: DriftStore;
  log: Logger;
  retryPolicy?: RetryPolicy;
  /** `parallel` (default), or `sequential` in the participants' order, stopping at the first failure. */
  order?: "parallel" | "sequential";
  /** Where each coordination is recorded step by step, for recovery after a crash. */
  journal?: CoordinationJournal;
  /**
   * How long the reads before the writes and the writes of one coordination may take in all; a write not
   * answered by then is unknown unless a read shows it applied, and left to recovery. Reads after a write
   * and reverts are not cut short by it: leaving a participant changed would be worse.
   */
  deadlineMs?: number;
  /** Told how each coordination ended and how long it took (the metrics). */
  observer?: CoordinationObserver;
  /**
   * The `Authorization` header of calls made on nobody's behalf (recovery, reconciliation, a context
   * without `authorization`): the coordinating service's own token, where the participants authenticate.
   */
  serviceAuthorization?: () => Promise<string>;
}>;

/** What a coordination came to, for whoever counts them: its outcome, or drift, and its duration. */
export type CoordinationObserver = Readonly<{
  finished: (outcome: CoordinationOutcome["kind"] | "drift", seconds: number) => void;
}>;

export type CoordinationContext = Readonly<{
  requestId?: string;
  /** The coordination's id, when the caller names it before it ends (to say which one is still running). */
  coordinationId?: string;
  /** The client's If-Match / If-None-Match: when it does not hold for what was read, nothing is written. */
  condition?: ClientCondition;
  /**
   * The client's `Authorization` header (empty when it sent none), sent to every participant so each
   * applies its own access rules to the client: ownership holds end to end. Absent: a coordination on
   * nobody's behalf, sent with `serviceAuthorization`. A client's reads and writes never get the service's
   * token; only putting a side back after a failure does (restoring what the side held is the coordinator's job).
   */
  authorization?: string;
}>;
