import { type OperationKind, OperationService, OperationWorker } from "@starter/operations";
import { operationMetrics } from "@starter/operations/metrics";
import { createOperationIndexes, MongoOperationRepository } from "@starter/operations/mongo";
import { authenticationOf } from "@starter/service-kit/auth";
import type { FeatureFlagClient } from "@starter/service-kit/flags";
import { apiInfoOf, createServiceApp } from "@starter/service-kit/http";
import type { Logger } from "@starter/service-kit/logging";
import type { Registry } from "@starter/service-kit/metrics";
import { isDatabaseUnavailableError, MongoIdempotencyStore } from "@starter/service-kit/mongo";
import type { RateLimitOptions } from "@starter/service-kit/rate-limits";
import type { Db } from "mongodb";
import { type AppDependencies, appOptions } from "./app.ts";
import type { Config } from "./config.ts";
import { dispatchKind } from "./deliveries/delivery.dispatch.ts";
import { createDeliveryIndexes, MongoDeliveryRepository } from "./deliveries/delivery.mongo.ts";
import type { DeliveryRepository } from "./deliveries/delivery.repository.ts";
import { DeliveryService } from "./deliveries/delivery.service.ts";
import { droneSchedulerByFlag } from "./drones/drone-scheduler.flag.ts";
import { currentDroneScheduler, nextDroneScheduler } from "./drones/drone-scheduler.stand-ins.ts";
import { switchedDroneScheduler } from "./drones/drone-scheduler.switch.ts";

/**
 * The composition root: the use cases, the operation worker and the app, wired to their MongoDB
 * adapters. Built once by main.ts, and by the tests the same way, so they test what runs.
 */
export function composeService(options: {
  db: Db;
  config: Config;
  logger: Logger;
  databaseReady: () => Promise<boolean>;
  /** `false`: no metrics (METRICS_ENABLED=false). */
  metrics?: Registry | false;
  /** Each client's writes limited (`runService` makes it from RATE_LIMIT_*); none: no limit. */
  rateLimit?: RateLimitOptions | undefined;
  /** Decides which drone scheduler books each dispatch (the flag `drone-scheduler`). */
  flags: FeatureFlagClient;
  /** Where deliveries are kept; by default the `deliveries` collection of `db` (the benchmark passes an in-memory one). */
  deliveryRepository?: DeliveryRepository;
}) {
  const { db, config, logger } = options;
  const deliveries = new DeliveryService(options.deliveryRepository ?? new MongoDeliveryRepository(db));
  const operationRepository = new MongoOperationRepository(db);
  const drones = switchedDroneScheduler({
    implementations: {
      current: currentDroneScheduler(config.DISPATCH_DURATION_MS),
      next: nextDroneScheduler(config.DISPATCH_DURATION_MS),
    },
    choose: droneSchedulerByFlag(options.flags),
    log: logger,
  });
  const operationKinds: OperationKind[] = [dispatchKind(deliveries, drones)];
  const workerSettings = {
    leaseMs: config.OPERATION_LEASE_MS,
    pollIntervalMs: config.WORKER_POLL_INTERVAL_MS,
    retentionMs: config.OPERATION_RETENTION_MS,
  };
  const worker = new OperationWorker({
    operations: operationRepository,
    kinds: operationKinds,
    settings: workerSettings,
    log: logger,
    ...(options.metrics && { observer: operationMetrics(options.metrics, operationRepository) }),
  });
  const idempotencyStore = new MongoIdempotencyStore(db);
  const deps: AppDependencies = {
    logger,
    ...(options.metrics !== undefined && { metrics: options.metrics }),
    deliveries,
    operations: new OperationService({
      operations: operationRepository,
      kinds: operationKinds,
      retentionMs: config.OPERATION_RETENTION_MS,
    }),
    operationKinds,
    wakeWorker: () => worker.wake(),
    ready: options.databaseReady,
    isUnavailable: isDatabaseUnavailableError,
    auth: authenticationOf(config, "delivery"),
    rateLimit: options.rateLimit,
    limits: {
      bodyLimitBytes: config.BODY_LIMIT_BYTES,
      jsonMaxDepth: config.JSON_MAX_DEPTH,
      requestDeadlineMs: config.REQUEST_DEADLINE_MS,
    },
    versions: config.API_VERSION_STATES,
    apiInfo: apiInfoOf(config),
    idempotency: {
      store: idempotencyStore,
      ttlMs: config.IDEMPOTENCY_KEY_TTL_MS,
      lockMs: config.IDEMPOTENCY_LOCK_MS,
      inFlightWait: {
        defaultSeconds: config.IDEMPOTENCY_WAIT_SECONDS,
        maxSeconds: config.IDEMPOTENCY_MAX_WAIT_SECONDS,
      },
      required: config.DISPATCH_IDEMPOTENCY_KEY === "required",
    },
  };
  /** Operations always expire by sweep; idempotency keys only where the server has no TTL indexes. */
  const deleteExpired = async (keysExpireByTtl: boolean) => {
    const now = new Date();
    await operationRepository.deleteExpired(now);
    if (!keysExpireByTtl) await idempotencyStore.deleteExpired(now);
  };
  const built = appOptions(deps);
  return { appOptions: built, app: createServiceApp(built), worker, deleteExpired };
}

/** Every index the service needs, created at start-up (idempotent). Says whether keys expire by TTL. */
export async function createIndexes(db: Db): Promise<{ idempotencyKeysExpireByTtl: boolean }> {
  await createDeliveryIndexes(db);
  await createOperationIndexes(db);
  return { idempotencyKeysExpireByTtl: await new MongoIdempotencyStore(db).ensureIndexes() };
}
