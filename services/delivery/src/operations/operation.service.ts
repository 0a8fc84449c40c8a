import { randomUUID } from "node:crypto";
import type { DeliveryService } from "../deliveries/delivery.service.ts";
import { assertDispatchable } from "../deliveries/delivery.ts";
import { DispatchInProgressError, OperationFinishedError, OperationNotFoundError } from "./operation.errors.ts";
import type { OperationRepository } from "./operation.repository.ts";
import { isFinished, newDispatchOperation, type Operation } from "./operation.ts";

export type OperationSettings = Readonly<{
  /** How long a finished operation stays readable; the contract promises at least 24 hours. */
  retentionMs: number;
}>;

/** The use cases of the 202 flow: start a dispatch, read its status, cancel it. */
export class OperationService {
  readonly #operations: OperationRepository;
  readonly #deliveries: DeliveryService;
  readonly #settings: OperationSettings;
  readonly #clock: () => Date;

  constructor(deps: {
    operations: OperationRepository;
    deliveries: DeliveryService;
    settings: OperationSettings;
    clock?: () => Date;
  }) {
    this.#operations = deps.operations;
    this.#deliveries = deps.deliveries;
    this.#settings = deps.settings;
    this.#clock = deps.clock ?? (() => new Date());
  }

  /** Checks what can be checked now (404, 409), so a dispatch that cannot start stores nothing. */
  async validateDispatch(deliveryId: string): Promise<void> {
    assertDispatchable(await this.#deliveries.get(deliveryId));
    const active = await this.#operations.findActiveFor(deliveryId);
    if (active) throw new DispatchInProgressError(deliveryId, active.id);
  }

  /** Stores the operation; a worker picks it up. The caller answers 202 only after this resolves. */
  async startDispatch(deliveryId: string): Promise<Operation> {
    const operation = newDispatchOperation(randomUUID(), deliveryId, this.#clock());
    await this.#operations.insert(operation);
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
    if (operation.status === "pending") await this.#operations.cancelPending(id, now, this.#settings.retentionMs);
    return this.get(id);
  }
}
