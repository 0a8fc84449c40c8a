import { ensureIndexes, insertUnlessPresent } from "@starter/service-kit/mongo";
import type { Collection, Db } from "mongodb";
import type { Backlog, InsertResult, OperationRepository } from "../operation.repository.ts";
import { finishedAt, type Operation, type OperationStatus, type Outcome } from "../operation.ts";

/** The stored shape: the operation as it is, under `_id`. Cancel requests live apart (see below). */
type OperationDocument = Omit<Operation, "id"> & { _id: string };

/** One document per (operation, attempt): its unique `_id` is what makes a claim exclusive. */
type ClaimDocument = { _id: string; operationId: string; workerId: string; claimedAt: Date };

/**
 * A cancel request, one per operation. Kept apart from the operation document because FerretDB v1's
 * updates read then write: a lease renewal racing a cancel on one document could silently undo it.
 */
type CancelRequestDocument = { _id: string; requestedAt: Date };

/**
 * A target's slot, held by its one operation in progress: a unique insert (keyed by the target), so of
 * concurrent starts exactly one gets it, on MongoDB and FerretDB alike. Freed when the operation finishes.
 */
type TargetSlotDocument = { _id: string; operationId: string; since: Date };

export const OPERATIONS_COLLECTION = "operations";
export const OPERATION_TARGETS_COLLECTION = "operation_targets";
export const OPERATION_CLAIMS_COLLECTION = "operation_claims";
export const OPERATION_CANCELS_COLLECTION = "operation_cancel_requests";

const CANDIDATES_PER_CLAIM = 10;
/** A slot whose operation is not stored this long after it was taken was left by a start that crashed. */
const ORPHANED_SLOT_MS = 60_000;

export async function createOperationIndexes(db: Db): Promise<void> {
  await ensureIndexes(db.collection<OperationDocument>(OPERATIONS_COLLECTION), [
    { key: { status: 1, createdAt: 1 }, name: "status_createdAt" },
    { key: { targetId: 1, status: 1 }, name: "targetId_status" },
    { key: { expiresAt: 1 }, name: "expiresAt" },
  ]);
  await ensureIndexes(db.collection<ClaimDocument>(OPERATION_CLAIMS_COLLECTION), [
    { key: { operationId: 1 }, name: "operationId" },
  ]);
  await ensureIndexes(db.collection<TargetSlotDocument>(OPERATION_TARGETS_COLLECTION), [
    { key: { operationId: 1 }, name: "operationId" },
  ]);
}

/**
 * Claims must be exclusive on MongoDB and on FerretDB v1, whose updates read then write (two conditional
 * updates can both match). A unique insert is atomic on both, so a worker first inserts the claim
 * `<operation>#<attempt>`; only the one whose insert succeeds moves the operation to that attempt.
 */
export class MongoOperationRepository implements OperationRepository {
  readonly #operations: Collection<OperationDocument>;
  readonly #claims: Collection<ClaimDocument>;
  readonly #cancels: Collection<CancelRequestDocument>;
  readonly #targets: Collection<TargetSlotDocument>;

  constructor(db: Db) {
    this.#operations = db.collection<OperationDocument>(OPERATIONS_COLLECTION);
    this.#claims = db.collection<ClaimDocument>(OPERATION_CLAIMS_COLLECTION);
    this.#cancels = db.collection<CancelRequestDocument>(OPERATION_CANCELS_COLLECTION);
    this.#targets = db.collection<TargetSlotDocument>(OPERATION_TARGETS_COLLECTION);
  }

  /** The slot first, then the operation: a start never stores an operation its target's slot does not name. */
  async insertIfTargetFree(operation: Operation): Promise<InsertResult> {
    const slot = { _id: operation.targetId, operationId: operation.id, since: operation.createdAt };
    if ((await insertUnlessPresent(this.#targets, slot)) === "duplicate") {
      const holder = await this.#targets.findOne({ _id: operation.targetId });
      if (holder && (await holds(this.#operations, holder, operation.createdAt))) {
        return { kind: "busy", operationId: holder.operationId };
      }
      // The holder finished, or never got stored, without freeing the slot (a crash in between): take it over.
      if (holder) await this.#targets.deleteOne({ _id: holder._id, operationId: holder.operationId });
      if ((await insertUnlessPresent(this.#targets, slot)) === "duplicate") {
        return {
          kind: "busy",
          operationId: (await this.#targets.findOne({ _id: operation.targetId }))?.operationId ?? "",
        };
      }
    }
    await this.#operations.insertOne(toDocument(operation));
    return { kind: "inserted" };
  }

  async findById(id: string, now: Date): Promise<Operation | undefined> {
    const document = await this.#operations.findOne({ _id: id });
    if (!document || isExpired(document, now)) return undefined;
    const unfinished = document.status === "pending" || document.status === "running";
    const cancelRequested = unfinished && (await this.#cancels.countDocuments({ _id: id }, { limit: 1 })) > 0;
    return toOperation({ ...document, cancelRequested });
  }

  async findActiveFor(targetId: string): Promise<Operation | undefined> {
    const document = await this.#operations.findOne({ targetId, status: { $in: ["pending", "running"] } });
    return document ? toOperation(document) : undefined;
  }

  async claimNext(workerId: string, kinds: readonly string[], now: Date, leaseMs: number) {
    const candidates = await this.#operations
      .find({
        kind: { $in: [...kinds] },
        $or: [{ status: "pending" }, { status: "running", leaseUntil: { $lt: now } }],
      })
      .sort({ createdAt: 1 })
      .limit(CANDIDATES_PER_CLAIM)
      .toArray();
    for (const candidate of candidates) {
      const attempt = candidate.attempt + 1;
      const claim = { _id: `${candidate._id}#${attempt}`, operationId: candidate._id, workerId, claimedAt: now };
      if ((await insertUnlessPresent(this.#claims, claim)) === "duplicate") continue;
      const claimed = {
        status: "running" as const,
        attempt,
        leaseUntil: new Date(now.getTime() + leaseMs),
        updatedAt: now,
      };
      const result = await this.#operations.updateOne(
        { _id: candidate._id, attempt: candidate.attempt },
        { $set: claimed },
      );
      if (result.matchedCount === 1) return toOperation({ ...candidate, ...claimed });
    }
    return undefined;
  }

  async renewLease(id: string, attempt: number, leaseUntil: Date): Promise<boolean> {
    const result = await this.#operations.updateOne({ _id: id, attempt, status: "running" }, { $set: { leaseUntil } });
    return result.matchedCount === 1;
  }

  async releaseLease(id: string, attempt: number): Promise<void> {
    await this.#operations.updateOne({ _id: id, attempt, status: "running" }, { $set: { leaseUntil: new Date(0) } });
  }

  async finish(id: string, attempt: number, outcome: Outcome, now: Date, retentionMs: number): Promise<boolean> {
    const finished = finishedAt(outcome, now, retentionMs);
    const result = await this.#operations.updateOne({ _id: id, attempt, status: "running" }, { $set: finished });
    if (result.matchedCount === 1) await this.#targets.deleteOne({ operationId: id });
    return result.matchedCount === 1;
  }

  async cancelPending(id: string, now: Date, retentionMs: number): Promise<boolean> {
    const canceled = finishedAt({ status: "canceled", failure: null }, now, retentionMs);
    const result = await this.#operations.updateOne({ _id: id, status: "pending" }, { $set: canceled });
    if (result.matchedCount === 1) await this.#targets.deleteOne({ operationId: id });
    return result.matchedCount === 1;
  }

  async requestCancel(id: string, now: Date): Promise<void> {
    await insertUnlessPresent(this.#cancels, { _id: id, requestedAt: now });
  }

  async deleteExpired(now: Date): Promise<number> {
    const expired = await this.#operations.find({ expiresAt: { $lt: now } }, { projection: { _id: 1 } }).toArray();
    if (expired.length === 0) return 0;
    const ids = expired.map((document) => document._id);
    await this.#claims.deleteMany({ operationId: { $in: ids } });
    await this.#cancels.deleteMany({ _id: { $in: ids } });
    const result = await this.#operations.deleteMany({ _id: { $in: ids } });
    return result.deletedCount;
  }

  async backlog(): Promise<Backlog> {
    const counted = await this.#operations
      .aggregate<{ _id: OperationStatus; count: number }>([{ $group: { _id: "$status", count: { $sum: 1 } } }])
      .toArray();
    const byStatus = { pending: 0, running: 0, succeeded: 0, failed: 0, canceled: 0 };
    for (const { _id, count } of counted) byStatus[_id] = count;
    const oldest = await this.#operations.findOne({ status: "pending" }, { sort: { createdAt: 1 } });
    return { byStatus, ...(oldest && { oldestPendingSince: oldest.createdAt }) };
  }
}

/** Whether the slot's operation still holds it: in progress, or just taken and about to be stored. */
async function holds(operations: Collection<OperationDocument>, slot: TargetSlotDocument, now: Date): Promise<boolean> {
  const operation = await operations.findOne({ _id: slot.operationId });
  if (!operation) return now.getTime() - slot.since.getTime() < ORPHANED_SLOT_MS;
  return operation.status === "pending" || operation.status === "running";
}

function isExpired(document: OperationDocument, now: Date): boolean {
  return document.expiresAt !== null && document.expiresAt.getTime() <= now.getTime();
}

function toDocument(operation: Operation): OperationDocument {
  const { id, ...rest } = operation;
  return { _id: id, ...rest };
}

function toOperation(document: OperationDocument): Operation {
  const { _id, ...rest } = document;
  return { id: _id, ...rest };
}
