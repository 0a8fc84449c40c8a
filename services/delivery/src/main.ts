import { ConfigError } from "@starter/service-kit/config";
import { Lifecycle, listen, periodic, stopOnSignals } from "@starter/service-kit/lifecycle";
import { createLogger } from "@starter/service-kit/logging";
import { connectMongo, isDatabaseUnavailableError } from "@starter/service-kit/mongo";
import { createApp } from "./app.ts";
import { type Config, readConfig } from "./config.ts";
import { createIndexes, createServices } from "./services.ts";

const READINESS_PING_TIMEOUT_MS = 1_000;

/** The only file with side effects: config -> connect -> createApp -> listen, and stop on SIGTERM/SIGINT. */
async function main(config: Config): Promise<void> {
  const logger = createLogger({ name: "delivery", level: config.LOG_LEVEL, format: config.LOG_FORMAT });
  const lifecycle = new Lifecycle(logger);
  stopOnSignals(lifecycle, logger);
  try {
    const mongo = await lifecycle.start("mongodb", async () => {
      const connection = await connectMongo({
        uri: config.MONGODB_URI,
        dbName: config.MONGODB_DB,
        serverSelectionTimeoutMS: config.MONGODB_SERVER_SELECTION_TIMEOUT_MS,
        appName: "delivery",
      });
      return { value: connection, stop: connection.stop };
    });
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
      },
      databaseReady: () => mongo.ping(READINESS_PING_TIMEOUT_MS),
      isDatabaseUnavailable: isDatabaseUnavailableError,
      limits: { bodyLimitBytes: config.BODY_LIMIT_BYTES, jsonMaxDepth: config.JSON_MAX_DEPTH },
      versions: config.API_VERSION_STATES,
    });
    const http = await lifecycle.start("http", () =>
      listen(app.callback(), { port: config.PORT, host: config.HOST, gracePeriodMs: config.SHUTDOWN_GRACE_MS }),
    );
    logger.info({ url: http.url }, "delivery service listening");
  } catch (error) {
    logger.fatal({ err: error }, "start failed");
    await lifecycle.stop();
    process.exit(1);
  }
}

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

try {
  await main(readConfig(process.env));
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
