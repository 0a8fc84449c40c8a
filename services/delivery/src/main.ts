import { periodic, runService } from "@starter/service-kit/lifecycle";
import { isDatabaseUnavailableError } from "@starter/service-kit/mongo";
import { createApp } from "./app.ts";
import { type Config, readConfig } from "./config.ts";
import { createIndexes, createServices } from "./services.ts";

const READINESS_PING_TIMEOUT_MS = 1_000;

/** The only file with side effects: config -> connect -> createApp -> listen, and stop on SIGTERM/SIGINT. */
await runService("delivery", readConfig, async ({ config, logger, lifecycle, mongo }) => {
  const { idempotencyKeysExpireByTtl } = await createIndexes(mongo.db);
  logger.info({ idempotencyKeysExpireByTtl }, "indexes ready");
  const services = createServices(mongo.db, { worker: workerSettings(config) }, logger);
  await lifecycle.start("dispatch worker", async () => {
    services.worker.start();
    return { value: undefined, stop: () => services.worker.stop() };
  });
  await lifecycle.start("expiry sweeper", () =>
    periodic("delete expired records", () => deleteExpired(services, idempotencyKeysExpireByTtl), {
      intervalMs: config.EXPIRY_SWEEP_INTERVAL_MS,
      log: logger,
    }),
  );
  const app = createApp({
    logger,
    deliveries: services.deliveries,
    operations: services.operations,
    wakeWorker: () => services.worker.wake(),
    idempotency: {
      store: services.idempotencyStore,
      ttlMs: config.IDEMPOTENCY_KEY_TTL_MS,
      lockMs: config.IDEMPOTENCY_LOCK_MS,
      required: config.DISPATCH_IDEMPOTENCY_KEY === "required",
    },
    databaseReady: () => mongo.ping(READINESS_PING_TIMEOUT_MS),
    isDatabaseUnavailable: isDatabaseUnavailableError,
    limits: { bodyLimitBytes: config.BODY_LIMIT_BYTES, jsonMaxDepth: config.JSON_MAX_DEPTH },
    versions: config.API_VERSION_STATES,
  });
  return app.callback();
});

/** Operations always expire by sweep; idempotency keys only where the server has no TTL indexes. */
async function deleteExpired(services: ReturnType<typeof createServices>, keysExpireByTtl: boolean): Promise<void> {
  const now = new Date();
  await services.operationRepository.deleteExpired(now);
  if (!keysExpireByTtl) await services.idempotencyStore.deleteExpired(now);
}

function workerSettings(config: Config) {
  return {
    leaseMs: config.OPERATION_LEASE_MS,
    pollIntervalMs: config.WORKER_POLL_INTERVAL_MS,
    workDurationMs: config.DISPATCH_DURATION_MS,
    retentionMs: config.OPERATION_RETENTION_MS,
  };
}
