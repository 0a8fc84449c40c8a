/**
 * A long operation on an aggregate (the target): stored before the 202 is sent, claimed by a worker with a
 * lease, and finished once. Plain data and the functions that change it; nothing here knows HTTP or MongoDB.
 */

export type OperationStatus = "pending" | "running" | "succeeded" | "failed" | "canceled";

export type OperationFailure = Readonly<{ code: string; message: string }>;

export type Operation = Readonly<{
  id: string;
  /** Which operation kind this is ("dispatch"); the worker runs that kind's effect. */
  kind: string;
  /** The aggregate the operation acts on. */
  targetId: string;
  status: OperationStatus;
  createdAt: Date;
  updatedAt: Date;
  /** How many times a worker claimed it; a claim is unique per (operation, attempt). */
  attempt: number;
  /** Until when the current claim holds; an expired lease lets another worker claim the next attempt. */
  leaseUntil: Date | null;
  cancelRequested: boolean;
  failure: OperationFailure | null;
  /** When a finished operation may be forgotten; null while it is not finished. */
  expiresAt: Date | null;
}>;

export function newOperation(id: string, kind: string, targetId: string, now: Date): Operation {
  return {
    id,
    kind,
    targetId,
    status: "pending",
    createdAt: now,
    updatedAt: now,
    attempt: 0,
    leaseUntil: null,
    cancelRequested: false,
    failure: null,
    expiresAt: null,
  };
}

export function isFinished(operation: Operation): boolean {
  return operation.status === "succeeded" || operation.status === "failed" || operation.status === "canceled";
}

/** The terminal state of an operation, kept for at least `retentionMs` after it finished. */
export type Outcome = Readonly<{ status: "succeeded" | "failed" | "canceled"; failure: OperationFailure | null }>;

export function finishedAt(outcome: Outcome, now: Date, retentionMs: number) {
  return { ...outcome, updatedAt: now, leaseUntil: null, expiresAt: new Date(now.getTime() + retentionMs) };
}
