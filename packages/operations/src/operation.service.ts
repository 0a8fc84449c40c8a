import { randomUUID } from "node:crypto";
import { OperationFinishedError, OperationInProgressError, OperationNotFoundError } from "./operation.errors.ts";
import type { OperationRepository } from "./operation.repository.ts";
import { isFinished, newOperation, type Operation } from "./operation.ts";
import type { OperationKind } from "./operation-kind.ts";

export type OperationServiceDeps = Readonly<{
  operations: OperationRepository;
  /** How long a finished operation stays readable; the contract promises at least 24 hours. */
  retentionMs: number;
  clock?: () => Date;
}>;

/** The use cases of the 202 flow for every kind: check and start an operation, read its status, cancel it. */
export class OperationService {
  readonly #operations: OperationRepository;
  readonly #retentionMs: number;
  readonly #clock: () => Date;

  constructor(deps: OperationServiceDeps) {
    this.#operations = deps.operations;
    this.#retentionMs = deps.retentionMs;
    this.#clock = deps.clock ?? (() => new Date());
  }

  /** Checks what can be checked now (the kind's 404 or 409, one operation at a time), so a refusal stores nothing. */
  async check(kind: OperationKind, targetId: string): Promise<void> {
    await kind.check(targetId);
    const active = await this.#operations.findActiveFor(targetId);
    if (active) throw new OperationInProgressError(targetId, active.id);
  }

  /**
   * Stores the operation; a worker picks it up. The caller answers 202 only after this resolves. A start
   * that lost a race with another one on the same target (both passed `check`) is refused here.
   */
  async start(kind: OperationKind, targetId: string): Promise<Operation> {
    const operation = newOperation(randomUUID(), kind.name, targetId, this.#clock());
    const stored = await this.#operations.insertIfTargetFree(operation);
    if (stored.kind === "busy") throw new OperationInProgressError(targetId, stored.operationId);
    return operation;
  }

  async get(id: string): Promise<Operation> {
    const operation = await this.#operations.findById(id, this.#clock());
    if (!operation) throw new OperationNotFoundError(id);
    return operation;
  }

  /**
   * A pending operation is canceled at once. A running one is asked to stop: its worker cancels it before
   * the effect, or finishes it if the effect already happened (a cancel can come too late).
   */
  async cancel(id: string): Promise<Operation> {
    const operation = await this.get(id);
    if (isFinished(operation)) throw new OperationFinishedError(id, operation.status);
    const now = this.#clock();
    // Asked first, so a worker that claims it in the meantime still sees the request before its effect.
    await this.#operations.requestCancel(id, now);
    if (operation.status === "pending") await this.#operations.cancelPending(id, now, this.#retentionMs);
    return this.get(id);
  }
}
