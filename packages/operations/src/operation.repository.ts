import type { Operation, OperationStatus, Outcome } from "./operation.ts";

/** The port for stored operations. Claims are exclusive per attempt, on every supported server. */
/** How a start came out: stored, or refused because the target has another operation in progress. */
export type InsertResult = { readonly kind: "inserted" } | { readonly kind: "busy"; readonly operationId: string };

/** How much work there is: operations by status (those not yet deleted), and since when the oldest waits. */
export type Backlog = Readonly<{ byStatus: Readonly<Record<OperationStatus, number>>; oldestPendingSince?: Date }>;

export interface OperationRepository {
  /** Stores a new operation unless its target has one in progress: of concurrent starts on a target, one wins. */
  insertIfTargetFree(operation: Operation): Promise<InsertResult>;
  /** Absent when unknown or expired. */
  findById(id: string, now: Date): Promise<Operation | undefined>;
  /** A pending or running operation on this target, if any. */
  findActiveFor(targetId: string): Promise<Operation | undefined>;
  /**
   * Claims the oldest pending operation of one of `kinds`, or a running one whose lease expired; undefined
   * when none. Only the kinds a worker knows: instances of different releases can share one database.
   */
  claimNext(workerId: string, kinds: readonly string[], now: Date, leaseMs: number): Promise<Operation | undefined>;
  /** Extends the lease of a claim that is still the current one; false when it is not. */
  renewLease(id: string, attempt: number, leaseUntil: Date): Promise<boolean>;
  /** Lets another worker claim at once (a worker stopping before it finished). */
  releaseLease(id: string, attempt: number): Promise<void>;
  /** Finishes the claim `attempt` and frees its target; false when another claim took over in between. */
  finish(id: string, attempt: number, outcome: Outcome, now: Date, retentionMs: number): Promise<boolean>;
  /** Cancels an operation no worker has claimed, and frees its target; false when one claimed it first. */
  cancelPending(id: string, now: Date, retentionMs: number): Promise<boolean>;
  /** Asks the worker of a running operation to stop before its effect. */
  requestCancel(id: string, now: Date): Promise<void>;
  /** Deletes what expired (for servers without TTL indexes); returns how many. */
  deleteExpired(now: Date): Promise<number>;
  /** For the metrics: counted by the database, read when scraped. */
  backlog(): Promise<Backlog>;
}
