import { periodic, runService } from "@starter/service-kit/lifecycle";
import { composeService, createIndexes } from "./composition.ts";
import { readConfig } from "./config.ts";

const READINESS_PING_TIMEOUT_MS = 1_000;

/** The only file with side effects: config -> connect -> compose -> listen, and stop on SIGTERM/SIGINT. */
await runService("delivery", readConfig, async ({ config, logger, lifecycle, mongo, metrics, flags, rateLimit }) => {
  const { idempotencyKeysExpireByTtl } = await createIndexes(mongo.db);
  logger.info({ idempotencyKeysExpireByTtl }, "indexes ready");
  const service = composeService({
    db: mongo.db,
    logger,
    config,
    metrics,
    flags,
    rateLimit,
    databaseReady: () => mongo.ping(READINESS_PING_TIMEOUT_MS),
  });
  await lifecycle.start("operation worker", async () => {
    service.worker.start();
    return { value: undefined, stop: () => service.worker.stop() };
  });
  await lifecycle.start("expiry sweeper", () =>
    periodic("delete expired records", () => service.deleteExpired(idempotencyKeysExpireByTtl), {
      intervalMs: config.EXPIRY_SWEEP_INTERVAL_MS,
      log: logger,
    }),
  );
  return service.app.callback();
});
