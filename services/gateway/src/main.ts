import { createJournalIndexes } from "@starter/coordination/mongo";
import { periodic, runService } from "@starter/service-kit/lifecycle";
import { composeGateway } from "./composition.ts";
import { readConfig } from "./config.ts";

/** The only file with side effects: config -> connect -> compose -> listen, and stop on SIGTERM/SIGINT. */
await runService("gateway", readConfig, async ({ config, logger, lifecycle, mongo, metrics, rateLimit }) => {
  const { expiresByTtl } = await createJournalIndexes(mongo.db);
  logger.info({ journalExpiresByTtl: expiresByTtl }, "indexes ready");
  const ping = (ms: number) => mongo.ping(ms);
  const gateway = composeGateway({ db: mongo.db, config, logger, metrics, rateLimit, ping });
  // Stopped after the HTTP server and before MongoDB: the last answers' journal writes are not cut off.
  await lifecycle.start("journal writes", async () => ({ value: undefined, stop: gateway.settle }));
  await lifecycle.start("coordination recovery", () =>
    periodic("recover unfinished coordinations", gateway.recover, {
      intervalMs: config.RECOVERY_INTERVAL_MS,
      log: logger,
    }),
  );
  if (!expiresByTtl) {
    await lifecycle.start("expiry sweeper", () =>
      periodic("delete expired journal entries", gateway.deleteExpired, {
        intervalMs: config.EXPIRY_SWEEP_INTERVAL_MS,
        log: logger,
      }),
    );
  }
  if (config.COMPARE_INTERVAL_MS > 0) {
    await lifecycle.start("periodic comparison", () =>
      periodic("compare both sides", gateway.compare, { intervalMs: config.COMPARE_INTERVAL_MS, log: logger }),
    );
  }
  return gateway.app.callback();
});
