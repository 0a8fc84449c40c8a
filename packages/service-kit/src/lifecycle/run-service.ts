import type { RequestListener } from "node:http";
import { ConfigError, type ServiceConfig } from "../config/index.ts";
import { type FeatureFlagClient, startFeatureFlags } from "../flags/index.ts";
import { createLogger, type Logger } from "../logging/index.ts";
import { createMetricsRegistry, type Registry } from "../metrics/index.ts";
import { connectMongo, type MongoConnection } from "../mongo/index.ts";
import {
  createRateLimitIndexes,
  deleteExpiredRateLimits,
  mongoRateLimiter,
  type RateLimitOptions,
} from "../rate-limits/index.ts";
import { startTracing } from "../tracing/index.ts";
import { Lifecycle } from "./lifecycle.ts";
import { listen, type ServerLimits } from "./listen.ts";
import { periodic } from "./periodic.ts";
import { stopOnSignals } from "./signals.ts";

export type ServiceContext<Config> = Readonly<{
  config: Config;
  logger: Logger;
  /** Start steps of the service's own (workers, sweepers) here, so they stop in reverse order. */
  lifecycle: Lifecycle;
  mongo: MongoConnection;
  /**
   * The process's metrics (Node's runtime, the MongoDB pool): give it to the app, add the service's own.
   * `false` when METRICS_ENABLED=false: then nothing is counted and there is no `/metrics`.
   */
  metrics: Registry | false;
  /** Feature flags (OpenFeature), from FEATURE_FLAGS_FILE; without it every flag answers its default. */
  flags: FeatureFlagClient;
  /** Each client's writes limited (RATE_LIMIT_*), counted in MongoDB: give it to the app. None with 0 writes. */
  rateLimit: RateLimitOptions | undefined;
}>;

/** How often windows that ended are deleted where the server has no TTL indexes. */
const RATE_LIMIT_SWEEP_MS = 60_000;

/**
 * The start-up every service shares, so its main.ts says only what is its own: read the configuration
 * (a bad one exits 1 naming every variable), log, stop on SIGTERM/SIGINT, connect MongoDB before anything
 * listens, build the app, listen. A failed start is logged, what had started is stopped, and it exits 1.
 */
export async function runService<Config extends ServiceConfig>(
  name: string,
  readConfig: (env: NodeJS.ProcessEnv) => Config,
  build: (context: ServiceContext<Config>) => Promise<RequestListener>,
): Promise<void> {
  let config: Config;
  try {
    config = readConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const logger = createLogger({ name, level: config.LOG_LEVEL, format: config.LOG_FORMAT });
  if (config.AUTH_MODE === "off") logger.warn("AUTH_MODE=off: every request is served without a token");
  const lifecycle = new Lifecycle(logger);
  stopOnSignals(lifecycle, logger);
  const metrics = config.METRICS_ENABLED && createMetricsRegistry({ runtime: true });
  try {
    // First started, last stopped: the spans of the shutdown itself are still sent.
    await lifecycle.start("tracing", async () => {
      const tracing = startTracing({
        serviceName: config.OTEL_SERVICE_NAME ?? name,
        otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
        otlpTracesEndpoint: config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT,
        batchDelayMs: config.OTEL_BSP_SCHEDULE_DELAY,
        sampleRatio: config.OTEL_TRACES_SAMPLER_ARG,
      });
      if (tracing.enabled) logger.info("tracing: spans are exported over OTLP");
      return { value: tracing, stop: tracing.stop };
    });
    const mongo = await lifecycle.start("mongodb", async () => {
      const connection = await connectMongo({
        uri: config.MONGODB_URI,
        dbName: config.MONGODB_DB,
        serverSelectionTimeoutMS: config.MONGODB_SERVER_SELECTION_TIMEOUT_MS,
        socketTimeoutMS: config.MONGODB_SOCKET_TIMEOUT_MS,
        waitQueueTimeoutMS: config.REQUEST_DEADLINE_MS,
        appName: name,
        ...(metrics && { metrics }),
      });
      return { value: connection, stop: connection.stop };
    });
    const flags = await lifecycle.start("feature flags", async () => {
      const started = await startFeatureFlags({ file: config.FEATURE_FLAGS_FILE, domain: name, logger });
      return { value: started.client, stop: started.stop };
    });
    const rateLimit = await startRateLimit(config, { mongo, lifecycle, logger });
    const handler = await build({ config, logger, lifecycle, mongo, metrics, flags, rateLimit });
    const http = await lifecycle.start("http", () =>
      listen(handler, {
        port: config.PORT,
        host: config.HOST,
        gracePeriodMs: config.SHUTDOWN_GRACE_MS,
        limits: serverLimitsOf(config),
      }),
    );
    logger.info({ url: http.url }, `${name} listening`);
  } catch (error) {
    logger.fatal({ err: error }, "start failed");
    await lifecycle.stop();
    process.exit(1);
  }
}

/** The limiter's indexes (and, without TTL, a sweep of ended windows) before the first request. */
async function startRateLimit(
  config: ServiceConfig,
  { mongo, lifecycle, logger }: { mongo: MongoConnection; lifecycle: Lifecycle; logger: Logger },
): Promise<RateLimitOptions | undefined> {
  if (config.RATE_LIMIT_WRITES === 0) {
    logger.warn("RATE_LIMIT_WRITES=0: clients' writes are not limited");
    return undefined;
  }
  const { expireByTtl } = await createRateLimitIndexes(mongo.db);
  if (!expireByTtl) {
    await lifecycle.start("rate-limit sweeper", () =>
      periodic("delete ended rate-limit windows", () => deleteExpiredRateLimits(mongo.db, new Date()), {
        intervalMs: RATE_LIMIT_SWEEP_MS,
        log: logger,
      }),
    );
  }
  const limit = { points: config.RATE_LIMIT_WRITES, durationSeconds: config.RATE_LIMIT_WINDOW_SECONDS };
  return { policy: "writes", limiter: mongoRateLimiter(mongo.db, { ...limit, keyPrefix: "writes" }) };
}

export function serverLimitsOf(config: ServiceConfig): ServerLimits {
  return {
    headersTimeoutMs: config.HTTP_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_MS,
    keepAliveTimeoutMs: config.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    maxHeaderBytes: config.HTTP_MAX_HEADER_BYTES,
    maxConnections: config.HTTP_MAX_CONNECTIONS,
  };
}
