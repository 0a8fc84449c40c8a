import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { AppError } from "@starter/service-kit/errors";
import type { Logger } from "@starter/service-kit/logging";
import type { DeliveryService } from "../deliveries/delivery.service.ts";
import type { OperationRepository } from "./operation.repository.ts";
import type { Operation, Outcome } from "./operation.ts";

export type DispatchWorkerSettings = Readonly<{
  /** How long a claim holds without a heartbeat; a crashed worker's operation is claimable after it. */
  leaseMs: number;
  /** How often an idle worker looks for work. */
  pollIntervalMs: number;
  /** The slow part of a dispatch (the template's stand-in for real work); configurable so tests can hold it open. */
  workDurationMs: number;
  retentionMs: number;
}>;

export type DispatchWorkerDeps = Readonly<{
  operations: OperationRepository;
  deliveries: DeliveryService;
  settings: DispatchWorkerSettings;
  log: Logger;
}>;

/**
 * Runs dispatch operations inside the service process. Several workers (in one process or many) can share
 * one database: each claim is exclusive, a lease is renewed while the work runs, and the effect is
 * idempotent per operation, so a re-run after a crash changes nothing that was already applied.
 */
export class DispatchWorker {
  readonly #id = `worker-${randomUUID()}`;
  readonly #deps: DispatchWorkerDeps;
  readonly #stopping = new AbortController();
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;

  constructor(deps: DispatchWorkerDeps) {
    this.#deps = deps;
  }

  start(): void {
    this.#loop ??= this.#run();
  }

  /** Looks for work now instead of at the next poll (after this process stored an operation). */
  wake(): void {
    this.#wake?.();
  }

  /** Stops claiming, abandons the running step and releases its lease so another worker resumes at once. */
  async stop(): Promise<void> {
    this.#stopping.abort();
    this.#wake?.();
    await this.#loop;
  }

  async #run(): Promise<void> {
    while (!this.#stopping.signal.aborted) {
      const worked = await this.runOnce().catch((error: unknown) => {
        this.#deps.log.error({ err: error }, "dispatch worker step failed");
        return false;
      });
      if (!worked) await this.#idle();
    }
  }

  /** Claims and runs one operation; false when there was none. */
  async runOnce(): Promise<boolean> {
    const { operations, settings } = this.#deps;
    const operation = await operations.claimNext(this.#id, new Date(), settings.leaseMs);
    if (!operation) return false;
    this.#deps.log.info({ operationId: operation.id, attempt: operation.attempt }, "dispatch claimed");
    const heartbeat = setInterval(() => {
      operations
        .renewLease(operation.id, operation.attempt, new Date(Date.now() + settings.leaseMs))
        .catch((error: unknown) => this.#deps.log.warn({ err: error, operationId: operation.id }, "lease not renewed"));
    }, settings.leaseMs / 3);
    try {
      const outcome = await this.#perform(operation);
      if (outcome) await operations.finish(operation.id, operation.attempt, outcome, new Date(), settings.retentionMs);
    } finally {
      clearInterval(heartbeat);
    }
    return true;
  }

  /** The work, then the effect unless a cancel came first; undefined when the worker is stopping. */
  async #perform(operation: Operation): Promise<Outcome | undefined> {
    try {
      await sleep(this.#deps.settings.workDurationMs, undefined, { signal: this.#stopping.signal });
    } catch {
      await this.#deps.operations.releaseLease(operation.id, operation.attempt);
      return undefined;
    }
    const fresh = await this.#deps.operations.findById(operation.id, new Date());
    if (!fresh || fresh.cancelRequested || fresh.status === "canceled") return { status: "canceled", failure: null };
    try {
      await this.#deps.deliveries.dispatch(operation.deliveryId, operation.id);
      return { status: "succeeded", failure: null };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return { status: "failed", failure: { code: error.code, message: error.message } };
    }
  }

  async #idle(): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, this.#deps.settings.pollIntervalMs);
      this.#wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.#wake = undefined;
  }
}
