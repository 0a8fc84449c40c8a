import type { Intended, ParticipantState } from "./participant.ts";

/** A participant's state after our write: its ETag and its representation. */
export type StoredState = Readonly<{ etag: string; representation: unknown }>;

/** Why a participant's write did not take: its answer, or that it never answered. */
export type ParticipantFailure = Readonly<{
  participant: string;
  status: number | undefined;
  /** The participant's problem body, or the reason it did not answer. */
  detail: unknown;
  /** Why there was no answer (`status` is undefined): too slow, or not reachable. */
  unanswered?: "timed_out" | "unreachable";
  /** The answer's Retry-After and RateLimit headers (`REFUSAL_HEADERS`), for a caller that passes the refusal on. */
  headers?: Readonly<Record<string, string>>;
}>;

export type CoordinationOutcome =
  | {
      readonly kind: "committed";
      readonly coordinationId: string;
      /** Every participant was absent before and holds the resource now. */
      readonly created: boolean;
      /** What each participant answered to its write, so the caller need not read it again. */
      readonly stored: Readonly<Record<string, StoredState>>;
    }
  /** A participant failed and every participant that had changed was put back; the failure is attached. */
  | { readonly kind: "reverted"; readonly coordinationId: string; readonly failure: ParticipantFailure }
  /** The client's If-Match / If-None-Match did not hold for what the participants held: nothing was written. */
  | { readonly kind: "precondition_failed"; readonly coordinationId: string }
  /**
   * A write got no answer, so whether it was applied is not known yet: a service goes on with a request
   * whose caller gave up, and may apply it after any read-back. The coordination is left unfinished in the
   * journal; recovery judges it once it is older than its settle time (committed, reverted or drift).
   */
  | { readonly kind: "unknown"; readonly coordinationId: string; readonly failure: ParticipantFailure };

/** What one participant holds after a coordination that could not be made consistent. */
export type DriftedParticipant = Readonly<{
  participant: string;
  /** What the coordination meant it to hold. */
  intended: Intended;
  /** What it held before the coordination. */
  original: ParticipantState;
  /** What it holds now, as last read. */
  actual: ParticipantState;
}>;

export type DriftRecord = Readonly<{
  coordinationId: string;
  resourceId: string;
  detectedAt: Date;
  /** The failure that started the revert, and why the revert did not succeed. */
  cause: ParticipantFailure;
  participants: readonly DriftedParticipant[];
}>;

/**
 * A revert failed or met someone else's change: the participants now disagree. Carries what each one was
 * meant to hold, held before and holds now, so the disagreement is visible and can be repaired.
 */
export class CoordinationDriftError extends Error {
  readonly drift: DriftRecord;

  constructor(drift: DriftRecord) {
    super(
      `coordination ${drift.coordinationId} left ${drift.resourceId} inconsistent across ${drift.participants.map((p) => p.participant).join(", ")}`,
    );
    this.name = "CoordinationDriftError";
    this.drift = drift;
  }
}
