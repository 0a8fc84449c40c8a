import { Coordinator, recoverUnfinished } from "@starter/coordination";
import { MongoCoordinationJournal, MongoDriftStore } from "@starter/coordination/mongo";
import { ConfigError } from "@starter/service-kit/config";
import { Lifecycle, listen, periodic, stopOnSignals } from "@starter/service-kit/lifecycle";
import { createLogger } from "@starter/service-kit/logging";
import { connectMongo, isDatabaseUnavailableError } from "@starter/service-kit/mongo";
import { createApp } from "./app.ts";
import { type Config, readConfig } from "./config.ts";
import { deliveryParticipants } from "./migration/delivery-participants.ts";
import { MigrationReads } from "./migration/migration-reads.ts";
import { participantsReady } from "./migration/participants-ready.ts";

/** The only file with side effects: config -> connect -> createApp -> listen, and stop on SIGTERM/SIGINT. */
async function main(config: Config): Promise<void> {
  const logger = createLogger({ name: "gateway", level: config.LOG_LEVEL, format: config.LOG_FORMAT });
  const lifecycle = new Lifecycle(logger);
  stopOnSignals(lifecycle, logger);
  try {
    const mongo = await lifecycle.start("mongodb", async () => {
      const connection = await connectMongo({
        uri: config.MONGODB_URI,
        dbName: config.MONGODB_DB,
        serverSelectionTimeoutMS: config.MONGODB_SERVER_SELECTION_TIMEOUT_MS,
        appName: "gateway",
      });
      return { value: connection, stop: connection.stop };
    });
    const urls = { legacyUrl: config.LEGACY_URL, newUrl: config.DELIVERY_URL };
    const retryPolicy = {
      maxAttempts: 3,
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
    const app = createApp({
      logger,
      coordinator,
      reads: new MigrationReads(
        {
          ...urls,
          split: { newPercent: config.READ_NEW_PERCENT, onlyFrom: config.READ_ONLY_FROM },
          shadowReads: config.SHADOW_READS,
        },
        logger,
        retryPolicy,
      ),
      ready: async () => (await mongo.ping(1_000)) && (await participantsReady(urls, 1_000)),
      isDatabaseUnavailable: isDatabaseUnavailableError,
      bodyLimitBytes: config.BODY_LIMIT_BYTES,
    });
    const http = await lifecycle.start("http", () =>
      listen(app.callback(), { port: config.PORT, host: config.HOST, gracePeriodMs: config.SHUTDOWN_GRACE_MS }),
    );
    logger.info({ url: http.url }, "gateway listening");
  } catch (error) {
    logger.fatal({ err: error }, "start failed");
    await lifecycle.stop();
    process.exit(1);
  }
}

try {
  await main(readConfig(process.env));
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
