import { Coordinator, recoverUnfinished } from "@starter/coordination";
import { MongoCoordinationJournal, MongoDriftStore } from "@starter/coordination/mongo";
import { periodic, runService } from "@starter/service-kit/lifecycle";
import { isDatabaseUnavailableError } from "@starter/service-kit/mongo";
import { createApp } from "./app.ts";
import { readConfig, WRITE_ATTEMPTS } from "./config.ts";
import { deliveryParticipants } from "./migration/delivery-participants.ts";
import { MigrationReads } from "./migration/migration-reads.ts";
import { participantsReady } from "./migration/participants-ready.ts";

/** The only file with side effects: config -> connect -> createApp -> listen, and stop on SIGTERM/SIGINT. */
await runService("gateway", readConfig, async ({ config, logger, lifecycle, mongo }) => {
  const urls = { legacyUrl: config.LEGACY_URL, newUrl: config.DELIVERY_URL };
  const retryPolicy = {
    maxAttempts: WRITE_ATTEMPTS,
    baseDelayMs: 100,
    maxDelayMs: 2_000,
    timeoutMs: config.PARTICIPANT_TIMEOUT_MS,
    retryStatuses: [409, 502, 503, 504],
  };
  const journal = new MongoCoordinationJournal(mongo.db);
  const coordinator = new Coordinator({
    participants: deliveryParticipants(urls),
    driftStore: new MongoDriftStore(mongo.db),
    journal,
    log: logger,
    retryPolicy,
  });
  // Coordinations a crashed gateway left part-way are finished, reverted or recorded as drift.
  const recover = () => recoverUnfinished(coordinator, journal, { settleMs: config.RECOVERY_SETTLE_MS, log: logger });
  await lifecycle.start("coordination recovery", () =>
    periodic("recover unfinished coordinations", recover, { intervalMs: config.RECOVERY_INTERVAL_MS, log: logger }),
  );
  const split = { newPercent: config.READ_NEW_PERCENT, onlyFrom: config.READ_ONLY_FROM };
  const reads = new MigrationReads({ ...urls, split, shadowReads: config.SHADOW_READS }, logger, retryPolicy);
  if (config.COMPARE_INTERVAL_MS > 0) {
    const compare = () => reads.compareSample(config.COMPARE_SAMPLE_SIZE, "periodic-comparison");
    await lifecycle.start("periodic comparison", () =>
      periodic("compare both sides", compare, { intervalMs: config.COMPARE_INTERVAL_MS, log: logger }),
    );
  }
  const app = createApp({
    logger,
    coordinator,
    reads,
    ready: async () => (await mongo.ping(1_000)) && (await participantsReady(urls, 1_000)),
    isDatabaseUnavailable: isDatabaseUnavailableError,
    bodyLimitBytes: config.BODY_LIMIT_BYTES,
  });
  return app.callback();
});
