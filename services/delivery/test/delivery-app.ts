import { randomBytes } from "node:crypto";
import { DELIVERY_API_VERSIONS } from "@starter/contracts/versions";
import { createLogger } from "@starter/service-kit/logging";
import { connectMongo, isDatabaseUnavailableError } from "@starter/service-kit/mongo";
import { createVersionRegistry, type VersionRegistry, type VersionState } from "@starter/service-kit/versions";
import { type RunningApp, startApp } from "@starter/testing";
import { afterAll, beforeAll, inject } from "vitest";
import { createApp } from "../src/app.ts";
import type { DispatchWorkerSettings } from "../src/operations/dispatch-worker.ts";
import { createIndexes, createServices } from "../src/services.ts";

export type DeliveryAppOptions = {
  readonly mongoUri?: string;
  readonly bodyLimitBytes?: number;
  readonly versionStates?: Readonly<Record<number, VersionState>>;
  readonly worker?: Partial<DispatchWorkerSettings>;
  readonly idempotencyTtlMs?: number;
  /** Whether a dispatch without an Idempotency-Key is refused; it is unless a test says otherwise. */
  readonly dispatchKeyRequired?: boolean;
  /**
   * A database of its own instead of the run's. Workers of every app share the run's database and claim
   * any pending operation, as instances of one service do; a test that depends on its own worker's
   * timing (a slow dispatch) needs an app whose worker is the only one.
   */
  readonly ownDatabase?: boolean;
};

/** Fast defaults: dispatches take 300 ms, so tests see them running and finished within a second. */
const TEST_WORKER: DispatchWorkerSettings = {
  leaseMs: 2_000,
  pollIntervalMs: 50,
  workDurationMs: 300,
  retentionMs: 86_400_000,
};

/**
 * The delivery app as main.ts builds it, on a free port, against the run's database (or the URI given,
 * such as a proxy a test can cut). Logs are silent: tests assert on responses, not on log lines.
 */
export type DeliveryApp = RunningApp & { readonly versions: VersionRegistry; readonly dbName: string };

export async function startDeliveryApp(options: DeliveryAppOptions = {}): Promise<DeliveryApp> {
  const mongo = await connectMongo({
    uri: options.mongoUri ?? inject("mongoUri"),
    dbName: options.ownDatabase ? `${inject("mongoDbName")}_${randomBytes(4).toString("hex")}` : inject("mongoDbName"),
    serverSelectionTimeoutMS: 1_500,
    appName: "delivery-test",
  });
  await createIndexes(mongo.db);
  const versions = createVersionRegistry(DELIVERY_API_VERSIONS, options.versionStates);
  const logger = createLogger({ name: "delivery-test", level: "silent", format: "json" });
  const services = createServices(mongo.db, { worker: { ...TEST_WORKER, ...options.worker } }, logger);
  services.worker.start();
  const app = createApp({
    logger,
    deliveries: services.deliveries,
    operations: services.operations,
    wakeWorker: () => services.worker.wake(),
    idempotency: {
      store: services.idempotencyStore,
      ttlMs: options.idempotencyTtlMs ?? 86_400_000,
      lockMs: 60_000,
      required: options.dispatchKeyRequired ?? true,
    },
    databaseReady: () => mongo.ping(1_000),
    isDatabaseUnavailable: isDatabaseUnavailableError,
    limits: { bodyLimitBytes: options.bodyLimitBytes ?? 65_536, jsonMaxDepth: 16 },
    versions,
  });
  const running = await startApp(app.callback());
  return {
    url: running.url,
    versions,
    dbName: mongo.db.databaseName,
    [Symbol.asyncDispose]: async () => {
      await running[Symbol.asyncDispose]();
      await services.worker.stop();
      if (options.ownDatabase) await mongo.db.dropDatabase();
      await mongo.stop();
    },
  };
}

/** One app for the whole test file: started before its first test, stopped after its last. */
export function useDeliveryApp(options: DeliveryAppOptions = {}): Omit<DeliveryApp, typeof Symbol.asyncDispose> {
  let app: DeliveryApp | undefined;
  beforeAll(async () => {
    app = await startDeliveryApp(options);
  });
  afterAll(async () => {
    await app?.[Symbol.asyncDispose]();
  });
  const started = () => {
    if (!app) throw new Error("the delivery app is not started (used outside a test?)");
    return app;
  };
  return {
    get url() {
      return started().url;
    },
    get versions() {
      return started().versions;
    },
    get dbName() {
      return started().dbName;
    },
  };
}
