import type { Db } from "mongodb";
import { Counter, Gauge, type Registry } from "prom-client";
import { periodic, type Started } from "../lifecycle/index.ts";
import type { Logger } from "../logging/index.ts";
import {
  createApiUsageIndexes,
  deleteExpiredUsage,
  distinctCallers,
  storeUsage,
  type UsageReportLine,
  usageReport,
} from "./api-usage-store.ts";
import { UsageBatch, type UsageCount } from "./usage-batch.ts";

export type ApiUsageRecorder = Readonly<{
  /** Counts one call of a non-current major by a client: in memory, never waits, never fails a request. */
  record: (client: string, major: number) => void;
  /** Stores what was counted; the recorder does it every `flushMs` and when it stops. */
  flush: () => Promise<void>;
  /** Who called a major, how much and when last, as stored. */
  report: (major: number) => Promise<UsageReportLine[]>;
}>;

export type ApiUsageOptions = Readonly<{
  db: Db;
  /** How often the counts are written (API_USAGE_FLUSH_MS): what a crash can lose, at most. */
  flushMs: number;
  log: Logger;
  metrics: Registry | false;
  clock: () => Date;
}>;

/** Client, major and day entries held between two writes; more are not counted, and say so in a metric. */
const MAX_PENDING = 10_000;
/** The distinct callers a gauge reports: those of the last 30 days. */
const CALLERS_WINDOW_DAYS = 30;
/** How often records past their retention are deleted where the server has no TTL indexes. */
const SWEEP_MS = 3_600_000;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Who still calls a non-current major: each call is counted in memory per client, major and UTC day, and
 * every `flushMs` the batch is added to MongoDB with one upsert per entry (`$inc`, `$min`, `$max`), so
 * the hot path does no I/O and every instance adds to the same records. A failed write keeps its counts
 * for the next one; a crash loses at most the calls of the last `flushMs`.
 */
export async function startApiUsage(options: ApiUsageOptions): Promise<Started<ApiUsageRecorder>> {
  const { db, log, clock } = options;
  const { expireByTtl } = await createApiUsageIndexes(db);
  const batch = new UsageBatch(MAX_PENDING);
  const metrics = options.metrics && usageMetrics(options.metrics);

  const flush = async () => {
    const counts = batch.take();
    try {
      await storeUsage(db, counts);
    } catch (error) {
      const lost = batch.restore(counts);
      if (metrics && lost > 0) metrics.uncounted.inc(lost);
      throw error;
    }
    if (metrics) await refreshCallers(db, metrics.callers, counts, clock());
  };
  const flushing = await periodic("store API usage", flush, { intervalMs: options.flushMs, log });
  const sweeping = expireByTtl
    ? undefined
    : await periodic("delete expired API usage", () => deleteExpiredUsage(db, clock()), { intervalMs: SWEEP_MS, log });

  const recorder: ApiUsageRecorder = {
    record: (client, major) => {
      if (!batch.record(client, major, clock()) && metrics) metrics.uncounted.inc();
    },
    flush,
    report: (major) => usageReport(db, major),
  };
  return {
    value: recorder,
    stop: async () => {
      await sweeping?.stop();
      await flushing.stop();
      await flush().catch((error: unknown) => log.warn({ err: error }, "API usage not stored at stop"));
    },
  };
}

function usageMetrics(registry: Registry) {
  return {
    callers: new Gauge({
      name: "api_version_callers",
      help: `Distinct clients that called a non-current API major in the last ${CALLERS_WINDOW_DAYS} days, from the usage record; refreshed when this instance stores a call of it.`,
      labelNames: ["api_major"],
      registers: [registry],
    }),
    uncounted: new Counter({
      name: "api_usage_uncounted_total",
      help: "Calls of a non-current major left out of the usage record: the batch was full, or its write failed and it could not be kept.",
      registers: [registry],
    }),
  };
}

async function refreshCallers(
  db: Db,
  callers: Gauge<"api_major">,
  counts: readonly UsageCount[],
  now: Date,
): Promise<void> {
  const since = new Date(now.getTime() - (CALLERS_WINDOW_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
  for (const major of new Set(counts.map((count) => count.major))) {
    callers.set({ api_major: String(major) }, await distinctCallers(db, major, since));
  }
}
