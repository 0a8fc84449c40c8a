import { createLogger } from "@starter/service-kit/logging";
import { connectMongo } from "@starter/service-kit/mongo";
import { type RunningApp, startApp } from "@starter/testing";
import { afterAll, beforeAll, inject } from "vitest";
import { composeService } from "../src/composition.ts";
import { readConfig } from "../src/config.ts";

/**
 * The legacy app composed as main.ts composes it, on a free port, against its own database on the run's
 * server; `env()` gives more variables (AUTH_* of a test issuer started in the file's beforeAll).
 */
export function useLegacyApp(options: { env?: () => Readonly<Record<string, string>> } = {}): { readonly url: string } {
  let app: RunningApp | undefined;
  let stopMongo: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const config = readConfig({
      MONGODB_URI: inject("mongoUri"),
      MONGODB_DB: `${inject("mongoDbName")}_legacy`,
      AUTH_MODE: "off",
      ...options.env?.(),
    });
    const mongo = await connectMongo({
      uri: config.MONGODB_URI,
      dbName: config.MONGODB_DB,
      serverSelectionTimeoutMS: 1_500,
      appName: "legacy-test",
    });
    stopMongo = mongo.stop;
    const logger = createLogger({ name: "legacy-test", level: "silent", format: "json" });
    const { app: created } = composeService({ db: mongo.db, config, logger, databaseReady: () => mongo.ping(1_000) });
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
