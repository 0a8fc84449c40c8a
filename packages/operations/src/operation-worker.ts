import { randomUUID } from "node:crypto";
import { AppError } from "@starter/service-kit/errors";
import type { Logger } from "@starter/service-kit/logging";
import type { OperationRepository } from "./operation.repository.ts";
import type { Operation, Outcome } from "./operation.ts";
import type { OperationKind } from "./operation-kind.ts";

export type WorkerSettings = Readonly<{
  /** How long a claim holds without a heartbeat; a crashed worker's operation is claimable after it. */
  leaseMs: number;
  /** How many claims an operation gets whose work or effect keeps failing unexpectedly, before it fails. */
  maxAttempts?: number;
  /** How often an idle worker looks for work. */
  pollIntervalMs: number;
  retentionMs: number;
}>;

const DEFAULT_MAX_ATTEMPTS = 5;

/** What a worker tells whoever watches it (the metrics): each claim, and each lease it lost to another claim. */
export type WorkerObserver = Readonly<{
  claimed: (operation: Operation) => void;
  leaseLost: (operation: Operation) => void;
}>;

export type OperationWorkerDeps = Readonly<{
  operations: OperationRepository;
  kinds: readonly OperationKind[];
  settings: WorkerSettings;
  log: Logger;
  observer?: WorkerObserver;
}>;

/**
 * Runs operations of every kind inside the service process. Several workers (in one process or many) can
 * share one database: each claim is exclusive, a lease is renewed while the work runs, and the effect is
 * idempotent per operation, so a re-run after a crash changes nothing that was already applied.
 */
export class OperationWorker {
  readonly #id = `worker-${randomUUID()}`;
  readonly #deps: OperationWorkerDeps;
  readonly #stopping = new AbortController();
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;

  constructor(deps: OperationWorkerDeps) {
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
        this.#deps.log.error({ err: error }, "operation worker step failed");
        return false;
      });
      if (!worked) await this.#idle();
    }
  }

  /** Claims and runs one operation; false when there was none. */
  async runOnce(): Promise<boolean> {
    const { operations, settings } = this.#deps;
    const kinds = this.#deps.kinds.map((kind) => kind.name);
    const operation = await operations.claimNext(this.#id, kinds, new Date(), settings.leaseMs);
    if (!operation) return false;
    this.#deps.log.info({ operationId: operation.id, kind: operation.kind, attempt: operation.attempt }, "claimed");
    this.#deps.observer?.claimed(operation);
    // Renewed until the work ends, or until another claim has taken the operation over: renewing is then
    // pointless (and finish() will refuse this attempt), so the heartbeat stops and the loss is told once.
    let lost = false;
    const heartbeat = setInterval(() => {
      operations
        .renewLease(operation.id, operation.attempt, new Date(Date.now() + settings.leaseMs))
        .then((renewed) => {
          if (renewed || lost) return;
          lost = true;
          clearInterval(heartbeat);
          this.#deps.log.warn({ operationId: operation.id, attempt: operation.attempt }, "lease lost to another claim");
          this.#deps.observer?.leaseLost(operation);
        })
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

  /**
   * Runs the claimed operation to its outcome; undefined when it is left for another claim. A typed error
   * is the operation's failure. An unexpected one leaves it to be claimed again once its lease runs out (the
   * lease is the back-off), and fails it after `maxAttempts` claims, so it cannot be retried forever. A
   * stopping worker releases its claim at once, for another instance to resume.
   */
  async #perform(operation: Operation): Promise<Outcome | undefined> {
    try {
      return await this.#attempt(operation);
    } catch (error) {
      if (error instanceof AppError) return { status: "failed", failure: { code: error.code, message: error.message } };
      if (this.#stopping.signal.aborted) return this.#release(operation);
      this.#deps.log.error({ err: error, operationId: operation.id, attempt: operation.attempt }, "operation failed");
      if (operation.attempt < (this.#deps.settings.maxAttempts ?? DEFAULT_MAX_ATTEMPTS))
        return this.#release(operation);
      return { status: "failed", failure: { code: "service.internal", message: "the operation kept failing" } };
    }
  }

  /** The work, then the effect unless a cancel came first. */
  async #attempt(operation: Operation): Promise<Outcome> {
    const kind = this.#deps.kinds.find((k) => k.name === operation.kind);
    if (!kind) throw new Error(`claimed an operation of unknown kind ${operation.kind}`);
    await kind.work?.(operation.targetId, this.#stopping.signal);
    const fresh = await this.#deps.operations.findById(operation.id, new Date());
    if (!fresh || fresh.cancelRequested || fresh.status === "canceled") return { status: "canceled", failure: null };
    await kind.effect(operation.targetId, operation.id);
    return { status: "succeeded", failure: null };
  }

  /** Lets another claim (of any worker) take the operation over at once. */
  async #release(operation: Operation): Promise<undefined> {
    await this.#deps.operations.releaseLease(operation.id, operation.attempt);
    return undefined;
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
