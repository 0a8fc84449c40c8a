import { API_VERSIONS, createVersionRegistry, type VersionState } from "@starter/contracts/versions";
import { createLogger } from "@starter/service-kit/logging";
import { connectMongo, isDatabaseUnavailableError } from "@starter/service-kit/mongo";
import { type RunningApp, startApp } from "@starter/testing";
import { afterAll, beforeAll, inject } from "vitest";
import { createApp } from "../src/app.ts";
import { createDeliveryIndexes, MongoDeliveryRepository } from "../src/deliveries/delivery.mongo.ts";
import { DeliveryService } from "../src/deliveries/delivery.service.ts";

export type DeliveryAppOptions = {
  readonly mongoUri?: string;
  readonly bodyLimitBytes?: number;
  readonly versionStates?: Readonly<Record<number, VersionState>>;
};

/**
 * The delivery app as main.ts builds it, on a free port, against the run's database (or the URI given,
 * such as a proxy a test can cut). Logs are silent: tests assert on responses, not on log lines.
 */
export async function startDeliveryApp(options: DeliveryAppOptions = {}): Promise<RunningApp> {
  const mongo = await connectMongo({
    uri: options.mongoUri ?? inject("mongoUri"),
    dbName: inject("mongoDbName"),
    serverSelectionTimeoutMS: 1_500,
    appName: "delivery-test",
  });
  await createDeliveryIndexes(mongo.db);
  const app = createApp({
    logger: createLogger({ name: "delivery-test", level: "silent", format: "json" }),
    deliveries: new DeliveryService(new MongoDeliveryRepository(mongo.db)),
    databaseReady: () => mongo.ping(1_000),
    isDatabaseUnavailable: isDatabaseUnavailableError,
    limits: { bodyLimitBytes: options.bodyLimitBytes ?? 65_536, jsonMaxDepth: 16 },
    versions: createVersionRegistry(API_VERSIONS, options.versionStates),
  });
  const running = await startApp(app.callback());
  return {
    url: running.url,
    [Symbol.asyncDispose]: async () => {
      await running[Symbol.asyncDispose]();
      await mongo.stop();
    },
  };
}

/** One app for the whole test file: started before its first test, stopped after its last. */
export function useDeliveryApp(options: DeliveryAppOptions = {}): { readonly url: string } {
  let app: RunningApp | undefined;
  beforeAll(async () => {
    app = await startDeliveryApp(options);
  });
  afterAll(async () => {
    await app?.[Symbol.asyncDispose]();
  });
  return {
    get url() {
      if (!app) throw new Error("the delivery app is not started (used outside a test?)");
      return app.url;
    },
  };
}
