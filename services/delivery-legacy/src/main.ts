import { runService } from "@starter/service-kit/lifecycle";
import { isDatabaseUnavailableError } from "@starter/service-kit/mongo";
import { createApp } from "./app.ts";
import { readConfig } from "./config.ts";
import { MongoLegacyDeliveryRepository } from "./deliveries/legacy-delivery.mongo.ts";
import { LegacyDeliveryService } from "./deliveries/legacy-delivery.service.ts";

/** The only file with side effects: config -> connect -> createApp -> listen, and stop on SIGTERM/SIGINT. */
await runService("delivery-legacy", readConfig, async ({ config, logger, mongo }) => {
  const app = createApp({
    logger,
    deliveries: new LegacyDeliveryService(new MongoLegacyDeliveryRepository(mongo.db)),
    databaseReady: () => mongo.ping(1_000),
    isDatabaseUnavailable: isDatabaseUnavailableError,
    bodyLimitBytes: config.BODY_LIMIT_BYTES,
  });
  return app.callback();
});
