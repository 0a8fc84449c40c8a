import { randomUUID } from "node:crypto";
import { type ApiUsageRecorder, type ClientPins, clientPins, startApiUsage } from "../api-usage/index.ts";
import { buildInfoOf, type ServiceConfig } from "../config/index.ts";
import { type FeatureFlagClient, startFeatureFlags } from "../flags/index.ts";
import type { RateLimitOptions } from "../http/index.ts";
import { type Lifecycle, periodic, type ServerLimits } from "../lifecycle/index.ts";
import type { Logger } from "../logging/index.ts";
import { createMetricsRegistry, type Registry } from "../metrics/index.ts";
import { connectMongo, type MongoConnection } from "../mongo/index.ts";
import { createRateLimitIndexes, deleteExpiredRateLimits, mongoRateLimiter } from "../rate-limits/index.ts";
import { startTracing } from "../tracing/index.ts";

/** What every service runs on, started in order into its lifecycle (so it stops in reverse). */
export type Runtime = Readonly<{
  mongo: MongoConnection;
  metrics: Registry | false;
  flags: FeatureFlagClient;
  rateLimit: RateLimitOptions | undefined;
  /** Who calls the non-current majors; none where nothing is stored (a service described, not started). */
  apiUsage?: ApiUsageRecorder;
  /** The major each client first used, with API_PIN_UNVERSIONED. */
  pins?: ClientPins | undefined;
}>;

/** How often windows that ended are deleted where the server has no TTL indexes. */
const RATE_LIMIT_SWEEP_MS = 60_000;

export async function startRuntime(
  name: string,
  config: ServiceConfig,
  {
    lifecycle,
    logger,
    runtimeMetrics,
    clock,
  }: { lifecycle: Lifecycle; logger: Logger; runtimeMetrics: boolean; clock: () => Date },
): Promise<Runtime> {
  const build = buildInfoOf(config);
  const metrics =
    config.METRICS_ENABLED && createMetricsRegistry({ runtime: runtimeMetrics, build, track: config.DEPLOYMENT_TRACK });
  // First started, last stopped: the spans of the shutdown itself are still sent.
  await lifecycle.start("tracing", async () => {
    const tracing = startTracing({
      serviceName: config.OTEL_SERVICE_NAME ?? name,
      build,
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
    // A domain per start: two instances in one process (tests) never share a provider.
    const domain = `${name}:${randomUUID()}`;
    const started = await startFeatureFlags({ file: config.FEATURE_FLAGS_FILE, domain, logger, metrics });
    return { value: started.client, stop: started.stop };
  });
  const rateLimit = await startRateLimit(config, { mongo, lifecycle, logger });
  const apiUsage = await lifecycle.start("API usage", () =>
    startApiUsage({ db: mongo.db, flushMs: config.API_USAGE_FLUSH_MS, log: logger, metrics, clock }),
  );
  const pins = config.API_PIN_UNVERSIONED ? clientPins(mongo.db, { clock }) : undefined;
  return { mongo, metrics, flags, rateLimit, apiUsage, pins };
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

/** What the HTTP server allows its clients, from the HTTP_* variables. */
export function serverLimitsOf(config: ServiceConfig): ServerLimits {
  return {
    headersTimeoutMs: config.HTTP_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_MS,
    keepAliveTimeoutMs: config.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    maxHeaderBytes: config.HTTP_MAX_HEADER_BYTES,
    maxConnections: config.HTTP_MAX_CONNECTIONS,
  };
}
