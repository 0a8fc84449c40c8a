import { parseArgs } from "node:util";
import { startMongoServer } from "@starter/testing/mongo-server";
import { type ReceivedSpan as Span, startOtlpReceiver } from "../e2e/otlp-receiver.ts";
import { type BenchServer, ENTRY_POINTS, HAS_MIGRATION_EXAMPLE, startBenchServer } from "./servers.ts";
import { summarize } from "./statistics.ts";

/**
 * `node test/bench/coordination-steps.ts`: where a coordinated PUT's time goes, step by step. The gateway,
 * delivery-legacy and the template run as in the benchmark, exporting every span to a collector in this
 * process; one client sends coordinated PUTs (new ids, one at a time) and the same PUTs straight to the
 * template, and each trace is cut into its steps by its spans: the reads of both sides, the journal's
 * insert, the writes to both sides, and the gateway's own work. Tracing adds its own cost to every step;
 * the table is for the shares, the benchmark for the totals.
 */
const { values: args } = parseArgs({
  options: { requests: { type: "string", default: "300" }, warmup: { type: "string", default: "200" } },
});
if (!HAS_MIGRATION_EXAMPLE) throw new Error("the migration example (services/gateway) is not in this clone");

await using collector = await startOtlpReceiver();
const database = await startMongoServer();
const stamp = `steps${Date.now().toString(36)}`;
const started: BenchServer[] = [];
try {
  const start = async (name: string, entry: string, env: Record<string, string>) => {
    const server = await startBenchServer(name, entry, {
      MONGODB_URI: database.uri,
      MONGODB_DB: `${stamp}_${name}`,
      LOG_LEVEL: "info",
      LOG_FORMAT: "json",
      RATE_LIMIT_WRITES: "0",
      AUTH_MODE: "off",
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_BSP_SCHEDULE_DELAY: "200",
      ...env,
    });
    started.push(server);
    return server;
  };
  const template = await start("template", ENTRY_POINTS.template, {});
  const legacy = await start("legacy", ENTRY_POINTS.legacy, {});
  const gateway = await start("gateway", ENTRY_POINTS.gateway, { LEGACY_URL: legacy.url, DELIVERY_URL: template.url });
  const warmup = Number(args.warmup);
  const requests = Number(args.requests);
  await putMany(gateway.url, `${stamp}-warm-g`, warmup);
  await putMany(template.url, `${stamp}-warm-d`, warmup);
  const firstMeasured = Date.now();
  await putMany(gateway.url, `${stamp}-g`, requests);
  await putMany(template.url, `${stamp}-d`, requests);
  // The batch processors send what they hold at shutdown.
  for (const server of started.splice(0).reverse()) await server.stop();
  process.stdout.write(`${report(collector.spans.filter((span) => span.startMs >= firstMeasured))}\n`);
} finally {
  for (const server of started.reverse()) await server.stop();
  await database.stop();
}

/** One PUT after the other, each a new id, on one keep-alive connection. */
async function putMany(url: string, prefix: string, count: number): Promise<void> {
  const body = JSON.stringify({
    ownerId: `${prefix}-owner`,
    pickup: { latitude: 1, longitude: 2 },
    dropoff: { latitude: 3, longitude: 4 },
    deadline: "2026-12-01T10:00:00Z",
    packages: [{ id: "p-1", size: "small", weightKg: 1 }],
  });
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${url}/v2/deliveries/${prefix}-${i}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body,
    });
    await response.arrayBuffer();
    if (response.status !== 201) throw new Error(`PUT ${url} answered ${response.status}`);
  }
}

/** The medians of each step over the traces, in ms and as a share of the whole. */
function report(all: readonly Span[]): string {
  const traces = Map.groupBy(all, (span) => span.traceId);
  const coordinated: Record<string, number>[] = [];
  const direct: Record<string, number>[] = [];
  for (const trace of traces.values()) {
    const root = trace.find((span) => span.parentSpanId === "" && span.name.startsWith("PUT"));
    if (!root) continue;
    const steps = root.service === "gateway" ? coordinatedSteps(root, trace) : directSteps(root, trace);
    if (steps) (root.service === "gateway" ? coordinated : direct).push(steps);
  }
  return [
    `${coordinated.length} coordinated and ${direct.length} direct PUTs of new ids, one at a time, every span exported`,
    "",
    table("coordinated PUT (gateway)", coordinated),
    "",
    table("direct PUT (template)", direct),
  ].join("\n");
}

/**
 * The gateway's server span and its children: the sides' GETs (the reads), the journal's insert, the
 * sides' PUTs (the writes). Only durations of single spans are used: the SDK starts every span on a
 * millisecond clock, so the gap between two spans' starts is not a figure. The reads and the writes run
 * in parallel, so each step lasts as long as its slower call; what is left of the whole is the gateway's
 * own work (the request in, mapping, deciding, the answer). The server span of the slower call, in the
 * service it went to, splits the call into that service's work and the hop to it (client, network, the
 * service's HTTP server before its span starts).
 */
function coordinatedSteps(root: Span, trace: readonly Span[]): Record<string, number> | undefined {
  const children = trace.filter((span) => span.parentSpanId === root.spanId);
  const reads = children.filter((span) => span.name.startsWith("GET"));
  const writes = children.filter((span) => span.name.startsWith("PUT"));
  const journal = children.find((span) => span.name === "insert coordination_journal");
  if (reads.length !== 2 || writes.length !== 2 || !journal) return undefined;
  const slowest = (spans: readonly Span[]) => spans.reduce((a, b) => (durationOf(b) > durationOf(a) ? b : a));
  const read = slowest(reads);
  const write = slowest(writes);
  const served = (call: Span) => trace.find((span) => span.parentSpanId === call.spanId);
  const total = durationOf(root);
  const steps = durationOf(read) + durationOf(journal) + durationOf(write);
  return {
    "reads of both sides (in parallel: the slower)": durationOf(read),
    "  of which the hop to that side (the call less the side's server span)":
      durationOf(read) - durationOf(served(read)),
    "journal insert": durationOf(journal),
    "writes to both sides (in parallel: the slower)": durationOf(write),
    "  of which the hop to that side, as for the reads": durationOf(write) - durationOf(served(write)),
    "the gateway's own work (request in, mapping, deciding, answer)": total - steps,
    total,
  };
}

/** The template's server span and its database commands; the rest is its HTTP layer and domain. */
function directSteps(root: Span, trace: readonly Span[]): Record<string, number> | undefined {
  const commands = trace.filter((span) => span.parentSpanId === root.spanId && span.name.includes("deliveries"));
  const find = commands.find((span) => span.name.startsWith("find"));
  const insert = commands.find((span) => span.name.startsWith("insert"));
  if (!find || !insert) return undefined;
  const total = durationOf(root);
  return {
    "read (find)": durationOf(find),
    "write (insert)": durationOf(insert),
    "the service's own work (request in, parsing, domain, answer)": total - durationOf(find) - durationOf(insert),
    total,
  };
}

function durationOf(span: Span | undefined): number {
  return span ? span.endMs - span.startMs : Number.NaN;
}

function table(title: string, rows: readonly Record<string, number>[]): string {
  const steps = Object.keys(rows[0] ?? {});
  const total = summarize(rows.map((row) => row.total ?? Number.NaN)).median;
  const lines = steps.map((step) => {
    const median = summarize(rows.map((row) => row[step] ?? Number.NaN)).median;
    return `| ${step} | ${median.toFixed(2)} | ${((100 * median) / total).toFixed(0)} % |`;
  });
  return [`| ${title} | p50 ms | share |`, "|---|---:|---:|", ...lines].join("\n");
}
