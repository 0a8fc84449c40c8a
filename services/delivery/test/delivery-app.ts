import { randomBytes, randomUUID } from "node:crypto";
import { startFeatureFlags } from "@starter/service-kit/flags";
import { appRoutes, type Route } from "@starter/service-kit/http";
import { createLogger } from "@starter/service-kit/logging";
import { createMetricsRegistry } from "@starter/service-kit/metrics";
import { connectMongo } from "@starter/service-kit/mongo";
import type { VersionRegistry } from "@starter/service-kit/versions";
import { logLinesInto, type RunningApp, startApp } from "@starter/testing";
import { afterAll, beforeAll, inject } from "vitest";
import { composeService, createIndexes } from "../src/composition.ts";
import { readConfig } from "../src/config.ts";

export type DeliveryAppOptions = {
  readonly mongoUri?: string;
  readonly bodyLimitBytes?: number;
  /** API_VERSION_STATES, as a deployment would set it: `1:retired`. */
  readonly versionStates?: string;
  /** How long a dispatch works before its effect; 300 ms unless a test holds operations open longer. */
  readonly dispatchDurationMs?: number;
  readonly idempotencyTtlMs?: number;
  /** Whether a dispatch without an Idempotency-Key is refused; it is unless a test says otherwise. */
  readonly dispatchKeyRequired?: boolean;
  /**
   * A database of its own instead of the run's. Workers of every app share the run's database and claim
   * any pending operation, as instances of one service do; a test that depends on its own worker's
   * timing (a slow dispatch) needs an app whose worker is the only one.
   */
  readonly ownDatabase?: boolean;
  /** FEATURE_FLAGS_FILE: a flagd definition file; none, and every flag answers its default. */
  readonly flagsFile?: string;
  /** Where the app's log lines go (info and above), parsed; none, and it logs nothing. */
  readonly logLines?: Record<string, unknown>[];
  /** More variables, as a deployment would set them (AUTH_* of a test issuer). */
  readonly env?: Readonly<Record<string, string>>;
};

/**
 * The delivery app composed as main.ts composes it (the same composition root, configuration read from
 * variables), on a free port, against the run's database (or the URI given, such as a proxy a test can
 * cut). Fast defaults: dispatches take 300 ms. Logs are silent: tests assert on responses, not on logs.
 */
export type DeliveryApp = RunningApp & {
  readonly versions: VersionRegistry;
  readonly dbName: string;
  /** Every route the app serves, as declared. */
  readonly routes: readonly Route[];
};

export async function startDeliveryApp(options: DeliveryAppOptions = {}): Promise<DeliveryApp> {
  const config = readConfig({
    MONGODB_URI: options.mongoUri ?? inject("mongoUri"),
    MONGODB_DB: options.ownDatabase
      ? `${inject("mongoDbName")}_${randomBytes(4).toString("hex")}`
      : inject("mongoDbName"),
    MONGODB_SERVER_SELECTION_TIMEOUT_MS: "1500",
    BODY_LIMIT_BYTES: String(options.bodyLimitBytes ?? 65_536),
    API_VERSION_STATES: options.versionStates ?? "",
    DISPATCH_DURATION_MS: String(options.dispatchDurationMs ?? 300),
    OPERATION_LEASE_MS: "2000",
    WORKER_POLL_INTERVAL_MS: "50",
    IDEMPOTENCY_KEY_TTL_MS: String(options.idempotencyTtlMs ?? 86_400_000),
    DISPATCH_IDEMPOTENCY_KEY: options.dispatchKeyRequired === false ? "optional" : "required",
    // Tests that are about authentication start an issuer and say AUTH_MODE=jwt (`env`).
    AUTH_MODE: "off",
    ...options.env,
  });
  // Each app its own registry (without Node's runtime series), so a test's counts are its app's alone.
  const metrics = createMetricsRegistry({ runtime: false });
  const mongo = await connectMongo({
    metrics,
    uri: config.MONGODB_URI,
    dbName: config.MONGODB_DB,
    serverSelectionTimeoutMS: config.MONGODB_SERVER_SELECTION_TIMEOUT_MS,
    appName: "delivery-test",
  });
  await createIndexes(mongo.db);
  const logger = createLogger({
    name: "delivery-test",
    level: options.logLines ? "info" : "silent",
    format: "json",
    ...(options.logLines && { destination: logLinesInto(options.logLines) }),
  });
  const flags = await startFeatureFlags({ file: options.flagsFile, domain: randomUUID(), logger });
  const service = composeService({
    db: mongo.db,
    config,
    logger,
    metrics,
    flags: flags.client,
    databaseReady: () => mongo.ping(1_000),
  });
  service.worker.start();
  const running = await startApp(service.app.callback());
  return {
    url: running.url,
    versions: config.API_VERSION_STATES,
    dbName: mongo.db.databaseName,
    routes: appRoutes(service.appOptions),
    [Symbol.asyncDispose]: async () => {
      await running[Symbol.asyncDispose]();
      await service.worker.stop();
      await flags.stop();
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
    get routes() {
      return started().routes;
    },
  };
}
