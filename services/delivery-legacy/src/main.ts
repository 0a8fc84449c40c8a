import { ConfigError } from "@starter/service-kit/config";
import { Lifecycle, listen, stopOnSignals } from "@starter/service-kit/lifecycle";
import { createLogger } from "@starter/service-kit/logging";
import { connectMongo, isDatabaseUnavailableError } from "@starter/service-kit/mongo";
import { createApp } from "./app.ts";
import { type Config, readConfig } from "./config.ts";
import { MongoLegacyDeliveryRepository } from "./deliveries/legacy-delivery.mongo.ts";
import { LegacyDeliveryService } from "./deliveries/legacy-delivery.service.ts";

/** The only file with side effects: config -> connect -> createApp -> listen, and stop on SIGTERM/SIGINT. */
async function main(config: Config): Promise<void> {
  const logger = createLogger({ name: "delivery-legacy", level: config.LOG_LEVEL, format: config.LOG_FORMAT });
  const lifecycle = new Lifecycle(logger);
  stopOnSignals(lifecycle, logger);
  try {
    const mongo = await lifecycle.start("mongodb", async () => {
      const connection = await connectMongo({
        uri: config.MONGODB_URI,
        dbName: config.MONGODB_DB,
        serverSelectionTimeoutMS: config.MONGODB_SERVER_SELECTION_TIMEOUT_MS,
        appName: "delivery-legacy",
      });
      return { value: connection, stop: connection.stop };
    });
    const app = createApp({
      logger,
      deliveries: new LegacyDeliveryService(new MongoLegacyDeliveryRepository(mongo.db)),
      databaseReady: () => mongo.ping(1_000),
      isDatabaseUnavailable: isDatabaseUnavailableError,
      bodyLimitBytes: config.BODY_LIMIT_BYTES,
    });
    const http = await lifecycle.start("http", () =>
      listen(app.callback(), { port: config.PORT, host: config.HOST, gracePeriodMs: config.SHUTDOWN_GRACE_MS }),
    );
    logger.info({ url: http.url }, "delivery-legacy service listening");
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
