import { randomUUID } from "node:crypto";
import type { Principal } from "@starter/service-kit/auth";
import { currentDeadline } from "@starter/service-kit/deadlines";
import { OperationFinishedError, OperationInProgressError, OperationNotFoundError } from "./operation.errors.ts";
import type { OperationRepository } from "./operation.repository.ts";
import { isFinished, newOperation, type Operation } from "./operation.ts";
import type { OperationKind } from "./operation-kind.ts";

export type OperationServiceDeps = Readonly<{
  operations: OperationRepository;
  /** The kinds served: each decides who may see the operations on its targets. */
  kinds: readonly OperationKind[];
  /** How long a finished operation stays readable; the contract promises at least 24 hours. */
  retentionMs: number;
  clock?: () => Date;
}>;

/** The use cases of the 202 flow for every kind: check and start an operation, read its status, cancel it. */
export class OperationService {
  readonly #operations: OperationRepository;
  readonly #kinds: readonly OperationKind[];
  readonly #retentionMs: number;
  readonly #clock: () => Date;

  constructor(deps: OperationServiceDeps) {
    this.#operations = deps.operations;
    this.#kinds = deps.kinds;
    this.#retentionMs = deps.retentionMs;
    this.#clock = deps.clock ?? (() => new Date());
  }

  /** Checks what can be checked now (the kind's 404 or 409, one operation at a time), so a refusal stores nothing. */
  async check(kind: OperationKind, targetId: string, principal: Principal | undefined): Promise<void> {
    await kind.check(targetId, principal);
    const active = await this.#operations.findActiveFor(targetId);
    if (active) throw new OperationInProgressError(targetId, active.id);
  }

  /**
   * Stores the operation; a worker picks it up. The caller answers 202 only after this resolves. A start
   * that lost a race with another one on the same target (both passed `check`) is refused here, and so is
   * one whose request's deadline has passed (a 503: the caller gave up, so nothing is stored).
   */
  async start(kind: OperationKind, targetId: string): Promise<Operation> {
    currentDeadline()?.assertMayStart(`the ${kind.name} of ${targetId}`);
    const operation = newOperation(randomUUID(), kind.name, targetId, this.#clock());
    const stored = await this.#operations.insertIfTargetFree(operation);
    if (stored.kind === "busy") throw new OperationInProgressError(targetId, stored.operationId);
    return operation;
  }

  /** An operation on a target the caller may not see is not found, like the target itself. */
  async get(id: string, principal: Principal | undefined): Promise<Operation> {
    const operation = await this.#operations.findById(id, this.#clock());
    if (!operation || !(await this.#visible(operation, principal))) throw new OperationNotFoundError(id);
    return operation;
  }

  /**
   * A pending operation is canceled at once. A running one is asked to stop: its worker cancels it before
   * the effect, or finishes it if the effect already happened (a cancel can come too late).
   */
  async cancel(id: string, principal: Principal | undefined): Promise<Operation> {
    const operation = await this.get(id, principal);
    if (isFinished(operation)) throw new OperationFinishedError(id, operation.status);
    const now = this.#clock();
    // Asked first, so a worker that claims it in the meantime still sees the request before its effect.
    await this.#operations.requestCancel(id, now);
    if (operation.status === "pending") await this.#operations.cancelPending(id, now, this.#retentionMs);
    return this.get(id, principal);
  }

  async #visible(operation: Operation, principal: Principal | undefined): Promise<boolean> {
    if (!principal) return true;
    const kind = this.#kinds.find((candidate) => candidate.name === operation.kind);
    return kind !== undefined && (await kind.visibleTo(operation.targetId, principal));
  }
}
