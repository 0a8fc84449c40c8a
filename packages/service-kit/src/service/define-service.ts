import type { RequestListener } from "node:http";
import { OpenFeature } from "@openfeature/server-sdk";
import { type Db, MongoClient } from "mongodb";
import type { z } from "zod";
import { buildInfoOf } from "../config/index.ts";
import { appRoutes, createServiceApp, type Route, type ServiceAppOptions } from "../http/index.ts";
import { Lifecycle, listen } from "../lifecycle/index.ts";
import { createLogger, type Logger } from "../logging/index.ts";
import { build } from "./build-app-options.ts";
import { configReader, type DeclaredConfig } from "./service-config.ts";
import type { ServiceDeclaration } from "./service-declaration.ts";
import { type Runtime, serverLimitsOf, startRuntime } from "./start-runtime.ts";

type Env = Readonly<Record<string, string | undefined>>;

export type StartOptions = Readonly<{
  /** The variables, as a deployment sets them (`process.env` in production). */
  env: Env;
  /** Where its log lines go (LOG_LEVEL and LOG_FORMAT still apply); none: standard output. */
  logDestination?: { write: (line: string) => unknown };
  /** Node's runtime series in `/metrics` (default: yes); a test's app counts its own requests only. */
  runtimeMetrics?: boolean;
  /** The database its modules are built on instead of the connected one (the benchmark's in-memory store). */
  database?: (connected: Db) => Db;
  /** A success status a route's declaration does not list is a 500 naming it (tests: the document cannot drift). */
  refuseUndocumentedStatuses?: boolean;
  /** The calendar its majors' brownouts and sunsets are read on (default: the system clock), for tests. */
  clock?: () => Date;
}>;

type StartIntoOptions = Readonly<{ logger: Logger }> &
  Pick<StartOptions, "runtimeMetrics" | "database" | "refuseUndocumentedStatuses" | "clock">;

export type RunningService<Config> = AsyncDisposable &
  Readonly<{
    url: string;
    config: Config;
    /** The database its modules use. */
    db: Db;
    /** Every route the app serves, as declared (health, metrics and documents included). */
    routes: readonly Route[];
    stop: () => Promise<void>;
  }>;

export type ServiceDefinition<Config> = Readonly<{
  name: string;
  readConfig: (env: Env) => Config;
  /** Starts it (connect, indexes, background work, listen); a failed start stops what had started and throws. */
  start: (options: StartOptions) => Promise<RunningService<Config>>;
  /** Starts it into a lifecycle the caller stops (`runService`: on SIGTERM/SIGINT). */
  startInto: (lifecycle: Lifecycle, config: Config, options: StartIntoOptions) => Promise<RunningService<Config>>;
  /**
   * The app's options built without I/O (a client that never connects): its routes and documents. `env`: the
   * variables it cannot start without beyond MONGODB_URI (addresses nothing is asked of).
   */
  describe: (env?: Env) => ServiceAppOptions;
}>;

/**
 * A service declared once and started the same way by main.ts (`runService`), by the tests (`start`, on
 * port 0 against the test database) and by the contract scripts (`describe`). The kit derives what every
 * service repeats from its configuration and the runtime: authentication, API info, body limits, versions,
 * readiness, metrics, rate limits, tracing, flags.
 */
export function defineService<Variables extends z.ZodRawShape = Record<never, never>>(
  declaration: ServiceDeclaration<Variables>,
): ServiceDefinition<DeclaredConfig<Variables>> {
  type Config = DeclaredConfig<Variables>;
  const readConfig = configReader(declaration.config, declaration.api.versions);

  const startInto = async (lifecycle: Lifecycle, config: Config, options: StartIntoOptions) => {
    const { logger } = options;
    if (config.AUTH_MODE === "off") logger.warn("AUTH_MODE=off: every request is served without a token");
    const runtime = await startRuntime(declaration.name, config, {
      lifecycle,
      logger,
      runtimeMetrics: options.runtimeMetrics ?? true,
      clock: options.clock ?? (() => new Date()),
    });
    const db = options.database ? options.database(runtime.mongo.db) : runtime.mongo.db;
    const { appOptions, modules } = build(declaration, { config, logger, db, runtime });
    for (const module of modules) await module.indexes?.();
    logger.info("indexes ready");
    for (const module of modules)
      for (const task of module.background ?? []) await lifecycle.start(task.name, task.start);
    const handler: RequestListener = createServiceApp({
      ...appOptions,
      ...(options.clock && appOptions.api && { api: { ...appOptions.api, clock: options.clock } }),
      refuseUndocumentedStatuses: options.refuseUndocumentedStatuses ?? false,
    }).callback();
    const http = await lifecycle.start("http", () =>
      listen(handler, {
        port: config.PORT,
        host: config.HOST,
        gracePeriodMs: config.SHUTDOWN_GRACE_MS,
        limits: serverLimitsOf(config),
      }),
    );
    logger.info({ url: http.url }, `${declaration.name} listening`);
    const stop = () => lifecycle.stop();
    return { url: http.url, config, db, routes: appRoutes(appOptions), stop, [Symbol.asyncDispose]: stop };
  };

  return {
    name: declaration.name,
    readConfig,
    startInto,
    start: async (options) => {
      const config = readConfig(options.env);
      const logger = createLogger({
        name: declaration.name,
        level: config.LOG_LEVEL,
        format: config.LOG_FORMAT,
        build: buildInfoOf(config),
        ...(options.logDestination && { destination: options.logDestination }),
      });
      const lifecycle = new Lifecycle(logger);
      try {
        return await startInto(lifecycle, config, { ...options, logger });
      } catch (error) {
        await lifecycle.stop();
        throw error;
      }
    },
    describe: (env = {}) => {
      const config = readConfig({ MONGODB_URI: "mongodb://127.0.0.1:9", AUTH_MODE: "off", ...env });
      const logger = createLogger({ name: declaration.name, level: "silent", format: "json" });
      const client = new MongoClient(config.MONGODB_URI);
      const runtime: Runtime = {
        mongo: { client, db: client.db(), ping: async () => false, stop: async () => {} },
        metrics: false,
        flags: OpenFeature.getClient(`${declaration.name}:describe`),
        rateLimit: undefined,
      };
      return build(declaration, { config, logger, db: runtime.mongo.db, runtime }).appOptions;
    },
  };
}
