import { DELIVERY_API_VERSIONS } from "@starter/contracts/versions";
import type { Route } from "@starter/service-kit/http";
import type { VersionRegistry } from "@starter/service-kit/versions";
import { startService } from "@starter/testing";
import { afterAll, beforeAll } from "vitest";
import { delivery } from "../src/service.ts";

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
  /** The calendar the majors' lifecycle is read on; default `whileV1IsServed`. */
  readonly clock?: () => Date;
};

const DAY_MS = 24 * 60 * 60 * 1000;
const v1DeprecatedAt = Date.parse(DELIVERY_API_VERSIONS.find((version) => version.major === 1)?.deprecatedAt ?? "");

/**
 * The day after version 1's deprecation, before its brownouts and its sunset: the tests of version 1 are
 * about a served major, and keep passing once the real sunset is past (tests of the calendar set their own).
 */
export const whileV1IsServed = () => new Date(v1DeprecatedAt + DAY_MS);

/**
 * The delivery service started as main.ts starts it (the same declaration, configuration read from
 * variables), on a free port, against the run's database (or the URI given, such as a proxy a test can
 * cut). Fast defaults: dispatches take 300 ms.
 */
export type DeliveryApp = AsyncDisposable & {
  readonly url: string;
  readonly versions: VersionRegistry;
  readonly dbName: string;
  /** Every route the app serves, as declared. */
  readonly routes: readonly Route[];
};

export async function startDeliveryApp(options: DeliveryAppOptions = {}): Promise<DeliveryApp> {
  const running = await startService(delivery, {
    ...(options.mongoUri && { mongoUri: options.mongoUri }),
    ...(options.ownDatabase && { ownDatabase: true }),
    ...(options.logLines && { logLines: options.logLines }),
    clock: options.clock ?? whileV1IsServed,
    env: {
      BODY_LIMIT_BYTES: String(options.bodyLimitBytes ?? 65_536),
      API_VERSION_STATES: options.versionStates ?? "",
      DISPATCH_DURATION_MS: String(options.dispatchDurationMs ?? 300),
      OPERATION_LEASE_MS: "2000",
      WORKER_POLL_INTERVAL_MS: "50",
      IDEMPOTENCY_KEY_TTL_MS: String(options.idempotencyTtlMs ?? 86_400_000),
      DISPATCH_IDEMPOTENCY_KEY: options.dispatchKeyRequired === false ? "optional" : "required",
      ...(options.flagsFile && { FEATURE_FLAGS_FILE: options.flagsFile }),
      ...options.env,
    },
  });
  return {
    url: running.url,
    versions: running.config.apiVersions,
    dbName: running.db.databaseName,
    routes: running.routes,
    [Symbol.asyncDispose]: () => running[Symbol.asyncDispose](),
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
