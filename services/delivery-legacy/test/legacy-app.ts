import { createLogger } from "@starter/service-kit/logging";
import { connectMongo, isDatabaseUnavailableError } from "@starter/service-kit/mongo";
import { type RunningApp, startApp } from "@starter/testing";
import { afterAll, beforeAll, inject } from "vitest";
import { createApp } from "../src/app.ts";
import { MongoLegacyDeliveryRepository } from "../src/deliveries/legacy-delivery.mongo.ts";
import { LegacyDeliveryService } from "../src/deliveries/legacy-delivery.service.ts";

/** The legacy app on a free port, against its own database on the run's server. */
export function useLegacyApp(): { readonly url: string } {
  let app: RunningApp | undefined;
  let stopMongo: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const mongo = await connectMongo({
      uri: inject("mongoUri"),
      dbName: `${inject("mongoDbName")}_legacy`,
      serverSelectionTimeoutMS: 1_500,
      appName: "legacy-test",
    });
    stopMongo = mongo.stop;
    const created = createApp({
      logger: createLogger({ name: "legacy-test", level: "silent", format: "json" }),
      deliveries: new LegacyDeliveryService(new MongoLegacyDeliveryRepository(mongo.db)),
      databaseReady: () => mongo.ping(1_000),
      isDatabaseUnavailable: isDatabaseUnavailableError,
      bodyLimitBytes: 65_536,
    });
    app = await startApp(created.callback());
  });
  afterAll(async () => {
    await app?.[Symbol.asyncDispose]();
    await stopMongo?.();
  });
  return {
    get url() {
      if (!app) throw new Error("the legacy app is not started");
      return app.url;
    },
  };
}
