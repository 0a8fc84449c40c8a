import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, inject } from "vitest";
import { dropDatabase } from "./drop-database.ts";
import { logLinesInto } from "./log-lines.ts";
import "./provided-context.ts";

type Env = Readonly<Record<string, string | undefined>>;

/**
 * A declared service (the kit's `defineService`), as far as a test starts it; said here by shape, so this
 * package depends on no kit.
 */
export type StartableService<Running> = {
  start(options: {
    env: Env;
    runtimeMetrics?: boolean;
    refuseUndocumentedStatuses?: boolean;
    logDestination?: { write: (line: string) => unknown };
    clock?: () => Date;
  }): Promise<Running & AsyncDisposable & { readonly url: string }>;
};

export type StartServiceOptions = Readonly<{
  /** Variables as a deployment would set them; they win over the test defaults (AUTH_* of a test issuer). */
  env?: Env;
  /** The database server (a proxy a test can cut); default: the run's. */
  mongoUri?: string;
  /**
   * A database of its own instead of the run's, dropped at the end: for a test whose background work (an
   * operation worker) must be the only one on its database.
   */
  ownDatabase?: boolean;
  /** Where its log lines go (info and above), parsed; none, and it logs nothing. */
  logLines?: Record<string, unknown>[];
  /**
   * The calendar its API majors' brownouts and sunsets are read on: a test of a deprecated major pins a day
   * on which that major is served, so it does not start failing when the real sunset passes.
   */
  clock?: () => Date;
}>;

/**
 * The service as main.ts starts it (the same declaration, configuration read from variables), on a free
 * loopback port, against the run's database, authentication off unless `env` says otherwise, its own
 * metrics (no runtime series), silent, and every answer's status checked against its route's declaration. `await using` stops it.
 */
export async function startService<Running>(
  service: StartableService<Running>,
  options: StartServiceOptions = {},
): Promise<Running & AsyncDisposable & { readonly url: string }> {
  const uri = options.mongoUri ?? inject("mongoUri");
  const dbName = options.ownDatabase
    ? `${inject("mongoDbName")}_${randomBytes(4).toString("hex")}`
    : inject("mongoDbName");
  const running = await service.start({
    env: {
      PORT: "0",
      HOST: "127.0.0.1",
      MONGODB_URI: uri,
      MONGODB_DB: dbName,
      MONGODB_SERVER_SELECTION_TIMEOUT_MS: "1500",
      LOG_LEVEL: options.logLines ? "info" : "silent",
      // Tests that are about authentication start an issuer and say AUTH_MODE=jwt (`env`).
      AUTH_MODE: "off",
      ...options.env,
    },
    runtimeMetrics: false,
    // A status a route's declaration does not list fails the test that meets it (a 500 naming the route).
    refuseUndocumentedStatuses: true,
    ...(options.logLines && { logDestination: logLinesInto(options.logLines) }),
    ...(options.clock && { clock: options.clock }),
  });
  if (!options.ownDatabase) return running;
  const stop = running[Symbol.asyncDispose].bind(running);
  return Object.assign(running, {
    [Symbol.asyncDispose]: async () => {
      await stop();
      await dropDatabase(uri, dbName);
    },
  });
}

/**
 * One service for the whole test file: started before its first test, stopped after its last. Options given
 * as a function are read when it starts (variables of a token issuer the file starts in its own beforeAll).
 */
export function useService<Running extends object>(
  service: StartableService<Running>,
  options: StartServiceOptions | (() => StartServiceOptions) = {},
): Running & { readonly url: string } {
  let running: (Running & AsyncDisposable & { readonly url: string }) | undefined;
  beforeAll(async () => {
    running = await startService(service, typeof options === "function" ? options() : options);
  });
  afterAll(async () => {
    await running?.[Symbol.asyncDispose]();
  });
  return new Proxy({} as Running & { readonly url: string }, {
    get: (_target, property) => {
      if (!running) throw new Error("the service is not started (used outside a test?)");
      return Reflect.get(running, property);
    },
  });
}
