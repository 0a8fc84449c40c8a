import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { detectCapabilities, type MongoServer, startMongoServer } from "@starter/testing/mongo-server";
import { MongoClient } from "mongodb";
import { countedRound } from "./instructions/counted-round.ts";
import { valgrindAvailable } from "./instructions/instruction-counter.ts";
import type { LoadJob } from "./load/load.ts";
import { runLoad } from "./load/run-load.ts";
import {
  figuresOf,
  instructionsReport,
  type MeasuredLoad,
  type Measurement,
  markdownReport,
  type ServerSample,
  serverFiguresOf,
} from "./report.ts";
import {
  APP_BOUND_SCENARIOS,
  type BenchMode,
  COST_SCENARIOS,
  SCENARIOS,
  type Scenario,
  type ServerName,
  smokeScenarios,
} from "./scenarios.ts";
import { type BenchServer, ENTRY_POINTS, HAS_MIGRATION_EXAMPLE, startBenchServer } from "./servers.ts";

/**
 * `pnpm bench`: the template against the limit and the peer on one database, variants interleaved within
 * each round, figures printed as a table and kept as JSON in test/bench/results/ (ignored).
 * `pnpm bench --smoke` runs every server and request kind for a second without warm-up (smokeScenarios), so
 * CI keeps the harness working; it judges nothing.
 * `--instructions` runs the cost rows only, counting instructions instead of CPU time (see the README).
 */
const { values: args } = parseArgs({
  options: {
    smoke: { type: "boolean", default: false },
    rounds: { type: "string" },
    seconds: { type: "string" },
    /** Seconds of load before each measurement, not counted (default 2; 10 with --store memory). */
    warmup: { type: "string" },
    connections: { type: "string", default: "10" },
    /** Write a CPU profile of every server to test/bench/results/profiles/<stamp>/ (summarise with profile-summary.ts). */
    profile: { type: "boolean", default: false },
    /** Only the scenarios whose name contains this text (for profiling one request path). */
    only: { type: "string" },
    /** `memory`: the app-bound scenarios, every server's deliveries in one in-memory store (see the README). */
    store: { type: "string", default: "mongodb" },
    /** The cost rows, each server under valgrind's callgrind: instructions per request, not CPU time. */
    instructions: { type: "boolean", default: false },
    /** With --instructions: requests per counted window (default 500; more evens out major garbage collections). */
    window: { type: "string" },
  },
});
if (args.store !== "mongodb" && args.store !== "memory") {
  process.stderr.write(`[bench] --store must be mongodb or memory, not ${args.store}\n`);
  process.exit(2);
}
const windowRequests = Number(args.window ?? 500);
if (!(Number.isInteger(windowRequests) && windowRequests > 0)) {
  process.stderr.write(`[bench] --window must be a whole number of requests, not ${args.window}\n`);
  process.exit(2);
}
if (args.instructions && !valgrindAvailable()) {
  process.stderr.write(
    "[bench] --instructions needs valgrind and its vgdb on PATH (Debian: apt-get install valgrind)\n",
  );
  // The smoke run keeps the harness working where valgrind is; a machine without it has nothing to keep.
  process.exit(args.smoke ? 0 : 2);
}
const inMemory = args.store === "memory";
const settings = {
  rounds: Number(args.rounds ?? (args.smoke ? 1 : args.instructions ? 2 : 3)),
  seconds: Number(args.seconds ?? (args.smoke ? 1 : 5)),
  // In memory the template's code takes about ten seconds of load to be fully optimised (its CPU per GET
  // fell from about 130 to 70 us over the first 15 s); the database-bound rows are not sensitive to it.
  warmupSeconds: Number(args.warmup ?? (args.smoke ? 0 : inMemory ? 10 : 2)),
  connections: Number(args.connections),
  /** Requests per measurement of the scenarios that use up a record per request. */
  requests: args.smoke ? 100 : 300,
  /**
   * `--instructions`: counted windows of requests per process, after a warm-up not counted. After 2,000
   * requests a process still counted 3-15 % more in its next 2,000 than in the 2,000 after those.
   */
  counted: {
    ...(args.smoke
      ? { windows: 1, requests: 20, warmup: 20, settleSeconds: 1, idleSeconds: 1 }
      : { windows: 3, requests: windowRequests, warmup: 4_000, settleSeconds: 7, idleSeconds: 5 }),
    connections: Number(args.connections),
  },
};
const stamp = `b${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
const allScenarios = args.instructions
  ? COST_SCENARIOS[inMemory ? "memory" : "database"]
  : inMemory
    ? APP_BOUND_SCENARIOS
    : SCENARIOS;
const mode: BenchMode = args.instructions ? "instructions" : inMemory ? "memory" : "database";
const runnable = args.smoke ? smokeScenarios(allScenarios, mode) : allScenarios;
const scenarios = runnable.filter((scenario) => !args.only || scenario.name.includes(args.only));
if (scenarios.length === 0) {
  const names = allScenarios.map((scenario) => `  ${scenario.name}`).join("\n");
  process.stderr.write(`[bench] --only ${args.only} names none of the rows of this run:\n${names}\n`);
  process.exit(2);
}
const resultsDir = join(import.meta.dirname, "results");
const profileDir = args.profile ? join(resultsDir, "profiles", stamp) : undefined;
const instructionsDir = args.instructions ? join(resultsDir, "instructions", stamp) : undefined;
// callgrind writes its counts there, and will not start without it.
if (instructionsDir) await mkdir(instructionsDir, { recursive: true });

// No limit on writes: the load comes from one client and would be limited at once (the limiter's cost, one
// more database write per write, is not part of what these rows compare); no tokens either, as the limit and
// the peer check none.
const PRODUCTION = { LOG_LEVEL: "info", LOG_FORMAT: "json", RATE_LIMIT_WRITES: "0", AUTH_MODE: "off" };
const TEMPLATE_ENTRY = inMemory ? ENTRY_POINTS.templateInMemory : ENTRY_POINTS.template;

const COST_SERVERS = [
  "templateForCosts",
  "templateWithoutMetrics",
  "templateTracing",
  "templateTracingSampled",
] as const;
type CostServer = (typeof COST_SERVERS)[number];

const database = await startMongoServer();
// Where the tracing variant exports its spans: accepts and drops them, as a collector would take them.
const collector = await startDroppingCollector();
const failures: string[] = [];
try {
  const databaseName = (await detectCapabilities(database.uri)).name;
  const store = inMemory
    ? `deliveries in memory (${databaseName} via ${database.kind} for the rest)`
    : `${databaseName} via ${database.kind}`;
  const machine = `${cpus().length} cores (${cpus()[0]?.model ?? "unknown CPU"}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${store}`;
  process.stdout.write(`[bench] ${machine}\n[bench] ${JSON.stringify(settings)}\n`);
  const measurements: Measurement[] = [];
  const samples: ServerSample[] = [];
  for (let round = 1; round <= settings.rounds; round++) {
    if (args.instructions) {
      const startServer = (server: ServerName) => startCostServer(database, round, server);
      const runId = `${stamp}-${round}`;
      const counting = { round, runId, scenarios, settings: settings.counted, startServer, failures };
      measurements.push(...(await countedRound(counting)));
      continue;
    }
    const servers = await startServers(database, round);
    try {
      for (const [index, scenario] of scenarios.entries()) {
        for (const [variantIndex, variant] of scenario.variants.entries()) {
          const server = servers[variant.server];
          if (!server) throw new Error(`no ${variant.server} server for ${scenario.name}`);
          const job = loadJob(scenario, server.url, variant.kind, `${stamp}-${round}-${index}-${variantIndex}`);
          // A broken measurement fails the run, but the others are still taken and written.
          const result = await runLoad(job, server).catch((error: unknown) => {
            failures.push(`round ${round} ${scenario.name} / ${variant.name}: ${(error as Error).message}`);
            return undefined;
          });
          if (!result) continue;
          measurements.push({ round, scenario: scenario.name, variant: variant.name, result });
          process.stdout.write(`[bench] round ${round} ${scenario.name} / ${variant.name}: ${describe(result)}\n`);
          if (result.errors + result.timeouts + result.non2xx > 0) {
            failures.push(`round ${round} ${scenario.name} / ${variant.name}: ${describe(result)}`);
          }
        }
      }
      for (const server of Object.values(servers)) {
        samples.push({ round, server: server.name, readyMs: server.readyMs, ...(await server.memory()) });
      }
    } finally {
      for (const server of Object.values(servers).reverse()) await server.stop();
    }
  }
  const figures = figuresOf(scenarios, measurements);
  const serverFigures = serverFiguresOf(samples);
  const table = args.instructions
    ? instructionsReport(`Machine: ${machine}`, figures)
    : markdownReport(`Machine: ${machine}`, figures, serverFigures);
  await mkdir(resultsDir, { recursive: true });
  const suffix = `${inMemory ? "-memory" : ""}${args.instructions ? "-instructions" : ""}${args.smoke ? "-smoke" : ""}`;
  const file = join(resultsDir, `${new Date().toISOString().replace(/[:.]/g, "-")}${suffix}.json`);
  await writeFile(
    file,
    JSON.stringify({ machine, settings, figures, servers: serverFigures, measurements, samples, failures }, null, 2),
  );
  process.stdout.write(`\n${table}\n\n[bench] figures written to ${file}\n`);
} finally {
  await dropBenchDatabases(database);
  await database.stop();
  collector.stop();
}
if (failures.length > 0) {
  process.stderr.write(
    `[bench] FAILED: errors or non-2xx answers are a failed run, not a figure:\n${failures.join("\n")}\n`,
  );
  process.exit(1);
}

/** The processes of the cost rows: the build as shipped, without metrics, exporting every trace or one in ten. */
function costServer(server: CostServer): { name: string; env: Record<string, string> } {
  const exporting = { ...PRODUCTION, OTEL_EXPORTER_OTLP_ENDPOINT: collector.url };
  switch (server) {
    case "templateForCosts":
      return { name: "template-costs", env: PRODUCTION };
    case "templateWithoutMetrics":
      return { name: "template-no-metrics", env: { ...PRODUCTION, METRICS_ENABLED: "false" } };
    case "templateTracing":
      return { name: "template-tracing", env: exporting };
    case "templateTracingSampled":
      return { name: "template-tracing-sampled", env: { ...exporting, OTEL_TRACES_SAMPLER_ARG: "0.1" } };
  }
}

function startServer(db: MongoServer, round: number, name: string, entry: string, env: Record<string, string>) {
  const database = { MONGODB_URI: db.uri, MONGODB_DB: `${stamp}_${round}_${name}` };
  return startBenchServer(name, entry, { ...database, ...env }, { profileDir, instructionsDir });
}

/** `--instructions`: one server of the cost rows, under callgrind. */
function startCostServer(db: MongoServer, round: number, server: ServerName): Promise<BenchServer> {
  const cost = COST_SERVERS.find((name) => name === server);
  if (!cost) throw new Error(`${server} is not a server of the cost rows`);
  return startServer(db, round, costServer(cost).name, TEMPLATE_ENTRY, costServer(cost).env);
}

/**
 * The servers the round's scenarios name, started one after the other so each one's time to ready is its
 * own (a smoke run or `--only` needs fewer of them).
 */
async function startServers(db: MongoServer, round: number): Promise<Partial<Record<ServerName, BenchServer>>> {
  const needed = new Set(scenarios.flatMap((scenario) => scenario.variants.map((variant) => variant.server)));
  // The gateway coordinates the template and legacy.
  if (needed.has("gateway")) for (const side of ["template", "legacy"] as const) needed.add(side);
  const servers: Partial<Record<ServerName, BenchServer>> = {};
  const start = async (server: ServerName, name: string, entry: string, env: Record<string, string>) => {
    if (needed.has(server)) servers[server] = await startServer(db, round, name, entry, env);
    return servers[server];
  };
  try {
    const inMemoryStore = { BENCH_STORE: "memory" };
    // The dispatch scenario compares a POST with and without a key on the same process.
    const template = await start("template", "template", TEMPLATE_ENTRY, {
      ...PRODUCTION,
      ...(!inMemory && { DISPATCH_IDEMPOTENCY_KEY: "optional" }),
    });
    await start("limit", "limit", ENTRY_POINTS.limit, inMemory ? inMemoryStore : {});
    await start("koaFloor", "koa-floor", ENTRY_POINTS.koaFloor, inMemory ? inMemoryStore : {});
    await start("peer", "peer", ENTRY_POINTS.peer, inMemory ? inMemoryStore : {});
    for (const cost of COST_SERVERS) await start(cost, costServer(cost).name, TEMPLATE_ENTRY, costServer(cost).env);
    if (inMemory || !HAS_MIGRATION_EXAMPLE) return servers;
    const legacy = await start("legacy", "legacy", ENTRY_POINTS.legacy, PRODUCTION);
    if (template && legacy) {
      await start("gateway", "gateway", ENTRY_POINTS.gateway, {
        ...PRODUCTION,
        LEGACY_URL: legacy.url,
        DELIVERY_URL: template.url,
        // Half the reads from each side: a read the split gives to legacy reads both sides (see the gateway).
        READ_NEW_PERCENT: "50",
      });
    }
    return servers;
  } catch (error) {
    for (const server of Object.values(servers).reverse()) await server.stop();
    throw error;
  }
}

function loadJob(scenario: Scenario, url: string, kind: LoadJob["kind"], runId: string): LoadJob {
  const connections = scenario.connections ?? settings.connections;
  if (scenario.byRequestCount) {
    const warmup = Math.ceil(settings.requests / 5);
    return { kind, url, runId, connections, measure: { requests: settings.requests }, warmup: { requests: warmup } };
  }
  return {
    kind,
    url,
    runId,
    connections,
    measure: { seconds: settings.seconds },
    warmup: { seconds: settings.warmupSeconds },
    ...(scenario.rate !== undefined && { rate: scenario.rate }),
  };
}

function describe(result: MeasuredLoad): string {
  const problems = result.errors + result.timeouts + result.non2xx;
  const cpu = result.serverCpuMsPerRequest.toFixed(2);
  const instructions = result.serverInstructionsPerRequest;
  const counted = instructions === undefined ? "" : `, ${(instructions / 1_000).toFixed(0)}k instructions/req`;
  return `${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, server CPU ${cpu} ms/req${counted}${problems ? `, ${JSON.stringify(result)}` : ""}`;
}

/** Only on a server the bench did not start: leave nothing behind on someone's MongoDB. */
async function dropBenchDatabases(db: MongoServer): Promise<void> {
  if (db.kind !== "external") return;
  const client = await new MongoClient(db.uri, { serverSelectionTimeoutMS: 5_000 }).connect();
  try {
    const { databases } = await client.db("admin").admin().listDatabases({ nameOnly: true });
    for (const { name } of databases.filter((d) => d.name.startsWith(stamp))) await client.db(name).dropDatabase();
  } finally {
    await client.close();
  }
}

/** An OTLP/HTTP endpoint on loopback that reads every export and answers 200: the cost measured is the sender's. */
async function startDroppingCollector(): Promise<{ url: string; stop: () => void }> {
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => response.writeHead(200, { "content-type": "application/json" }).end("{}"));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, stop: () => server.close() };
}
