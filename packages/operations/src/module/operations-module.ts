import { idempotencyKeys } from "@starter/service-kit/http";
import { periodic } from "@starter/service-kit/lifecycle";
import { MongoIdempotencyStore } from "@starter/service-kit/mongo";
import type { ModuleContext, ServiceModule } from "@starter/service-kit/service";
import { operationRoutes } from "../http/operation.routes.ts";
import { operationErrorMap } from "../http/operation-error-map.ts";
import { operationMetrics } from "../metrics/operation-metrics.ts";
import { createOperationIndexes, MongoOperationRepository } from "../mongo/operation.mongo.ts";
import { OperationService } from "../operation.service.ts";
import type { OperationKind } from "../operation-kind.ts";
import { OperationWorker } from "../operation-worker.ts";
import type { OperationsConfig } from "./operations-config.ts";

export type OperationsModuleOptions = Readonly<{
  kinds: readonly OperationKind[];
  /** Where status resources live: "/v2/operations". */
  statusPath: string;
  /** Whether starting an operation without an Idempotency-Key is refused (400); it is unless said otherwise. */
  idempotencyKeyRequired?: boolean;
}>;

/**
 * Long operations as a module of a service: the start, status and cancel routes of its kinds (202 and a
 * status resource), the Idempotency-Key on every start, the worker that runs them, and the sweeper of
 * expired records where the database has no TTL indexes. A service lists it with its kinds:
 * `operationsModule(context, { kinds: [archiveKind(...)], statusPath: "/v1/operations" })`.
 */
export function operationsModule(
  context: ModuleContext<OperationsConfig>,
  options: OperationsModuleOptions,
): ServiceModule {
  const { config, db, logger, metrics } = context;
  const repository = new MongoOperationRepository(db);
  const worker = new OperationWorker({
    operations: repository,
    kinds: options.kinds,
    settings: {
      leaseMs: config.OPERATION_LEASE_MS,
      pollIntervalMs: config.WORKER_POLL_INTERVAL_MS,
      retentionMs: config.OPERATION_RETENTION_MS,
    },
    log: logger,
    ...(metrics && { observer: operationMetrics(metrics, repository) }),
  });
  const idempotencyStore = new MongoIdempotencyStore(db);
  const required = options.idempotencyKeyRequired ?? true;
  const idempotencyKey = idempotencyKeys({
    store: idempotencyStore,
    ttlMs: config.IDEMPOTENCY_KEY_TTL_MS,
    lockMs: config.IDEMPOTENCY_LOCK_MS,
    inFlightWait: { defaultSeconds: config.IDEMPOTENCY_WAIT_SECONDS, maxSeconds: config.IDEMPOTENCY_MAX_WAIT_SECONDS },
    required,
    respondToError: context.respondToError,
  });
  let keysExpireByTtl = true;
  /** Operations always expire by sweep; idempotency keys only where the server has no TTL indexes. */
  const deleteExpired = async () => {
    const now = new Date();
    await repository.deleteExpired(now);
    if (!keysExpireByTtl) await idempotencyStore.deleteExpired(now);
  };
  return {
    name: "operations",
    indexes: async () => {
      await createOperationIndexes(db);
      keysExpireByTtl = await idempotencyStore.ensureIndexes();
      logger.info({ idempotencyKeysExpireByTtl: keysExpireByTtl }, "operation indexes ready");
    },
    routes: operationRoutes({
      service: new OperationService({
        operations: repository,
        kinds: options.kinds,
        retentionMs: config.OPERATION_RETENTION_MS,
      }),
      kinds: options.kinds,
      statusPath: options.statusPath,
      idempotencyKey,
      idempotencyKeyRequired: required,
      wakeWorker: () => worker.wake(),
      errorMap: context.errorMap,
    }),
    errors: operationErrorMap,
    background: [
      {
        name: "operation worker",
        start: async () => {
          worker.start();
          return { value: undefined, stop: () => worker.stop() };
        },
      },
      {
        name: "expiry sweeper",
        start: () =>
          periodic("delete expired records", deleteExpired, {
            intervalMs: config.EXPIRY_SWEEP_INTERVAL_MS,
            log: logger,
          }),
      },
    ],
  };
}
