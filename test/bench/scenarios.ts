import type { ScenarioKind } from "./load/scenario-requests.ts";
import { HAS_MIGRATION_EXAMPLE } from "./servers.ts";

/** The processes a run starts; each variant of a scenario is measured against one of them. */
export type ServerName =
  | "template"
  | "templateForCosts"
  | "templateWithoutMetrics"
  | "templateTracing"
  | "templateTracingSampled"
  | "limit"
  | "koaFloor"
  | "peer"
  | "legacy"
  | "gateway";

export type Variant = Readonly<{ name: string; server: ServerName; kind: ScenarioKind }>;

/**
 * A scenario's variants are measured one after the other within a round. `subject` is the variant judged,
 * `base` what it is divided by (the limit, or the same request without the feature), `peer` the Fastify peer,
 * `floor` bare Koa and its router doing the limit's work: the template minus it is the kit's own cost.
 */
export type Scenario = Readonly<{
  name: string;
  variants: readonly Variant[];
  subject: string;
  base: string;
  peer?: string;
  floor?: string;
  /** Latency scenarios run with one connection: their figure is the time of one request, not a queue. */
  connections?: number;
  /** Scenarios whose every request uses up a seeded record are measured by a number of requests. */
  byRequestCount?: boolean;
  /**
   * Requests a second for every variant: a cost row compares CPU per request, which falls as a server
   * nears saturation (more requests per wake-up), so both variants are given the same load below it.
   */
  rate?: number;
}>;

function againstLimitAndPeer(name: string, kind: ScenarioKind): Scenario {
  return {
    name,
    variants: [
      { name: "template", server: "template", kind },
      { name: "limit", server: "limit", kind },
      { name: "Koa floor", server: "koaFloor", kind },
      { name: "peer", server: "peer", kind },
    ],
    subject: "template",
    base: "limit",
    peer: "peer",
    floor: "Koa floor",
  };
}

/** The cost of a feature or of a hop: the same request with it (the subject) over without it (the base). */
function subjectOverBase(
  name: string,
  subject: Variant,
  base: Variant,
  options: Pick<Scenario, "connections" | "byRequestCount" | "rate">,
): Scenario {
  return { name, variants: [subject, base], subject: subject.name, base: base.name, ...options };
}

/**
 * What metrics and tracing cost on one request: the template as it ships (metrics on, no trace exporter)
 * over the same build with METRICS_ENABLED=false, and the template exporting every trace, or one in ten
 * (OTEL_TRACES_SAMPLER_ARG=0.1), to a stand-in collector that accepts and drops, over the template as it
 * ships. The as-shipped variant is a process of its own: what these rows write must not grow the database
 * the template is compared to the limit on (FerretDB's reads and conditional writes slow down as a
 * collection grows).
 */
function observabilityCosts(name: string, kind: ScenarioKind, rate: number): Scenario[] {
  const asShipped = { name: "no exporter (as shipped)", server: "templateForCosts", kind } as const;
  return [
    subjectOverBase(
      `${name}, cost of metrics`,
      { ...asShipped, name: "metrics (as shipped)" },
      { name: "no metrics", server: "templateWithoutMetrics", kind },
      { rate },
    ),
    subjectOverBase(
      `${name}, cost of tracing`,
      { name: "tracing, exported", server: "templateTracing", kind },
      asShipped,
      { rate },
    ),
    subjectOverBase(
      `${name}, cost of tracing 1 in 10`,
      { name: "tracing, 10 % exported", server: "templateTracingSampled", kind },
      asShipped,
      { rate },
    ),
  ];
}

/** Below what every variant answers on this machine: about 700/s on the database, 5,000/s in memory. */
const COST_RATE = { database: 400, memory: 2_000 };

function costScenarios(rate: number): Scenario[] {
  return [
    ...observabilityCosts("GET by id", "get-by-id", rate),
    ...observabilityCosts("PUT replay (200, unchanged)", "put-replay", rate),
  ];
}

/** What metrics and tracing cost on GET by id and PUT replay; `--instructions` runs these rows only. */
export const COST_SCENARIOS = {
  database: costScenarios(COST_RATE.database),
  memory: costScenarios(COST_RATE.memory),
} as const;

/**
 * `--store memory`: the template, the limit and the peer with their deliveries in one in-memory store
 * (test/bench/servers/memory-collection.ts), so each row is bound by the HTTP layer, not the database.
 */
export const APP_BOUND_SCENARIOS: readonly Scenario[] = [
  againstLimitAndPeer("GET by id", "get-by-id"),
  againstLimitAndPeer("PUT replay (200, unchanged)", "put-replay"),
  againstLimitAndPeer("PUT new id (201)", "put-create"),
  ...COST_SCENARIOS.memory,
];

/** Reads first: every variant's database grows alike, but the reads are measured on a small collection. */
export const SCENARIOS: readonly Scenario[] = [
  againstLimitAndPeer("GET by id", "get-by-id"),
  againstLimitAndPeer("GET list page, filtered", "get-list"),
  againstLimitAndPeer("PUT replay (200, unchanged)", "put-replay"),
  ...COST_SCENARIOS.database,
  againstLimitAndPeer("PUT replace, If-Match (200)", "put-replace"),
  againstLimitAndPeer("PUT new id (201)", "put-create"),
  subjectOverBase(
    "POST dispatch (202)",
    { name: "with Idempotency-Key", server: "template", kind: "dispatch-with-key" },
    { name: "without key", server: "template", kind: "dispatch-without-key" },
    { byRequestCount: true },
  ),
  ...(HAS_MIGRATION_EXAMPLE
    ? [
        subjectOverBase(
          "PUT new id, 1 connection",
          { name: "gateway (coordinated)", server: "gateway", kind: "put-create" },
          { name: "direct", server: "template", kind: "put-create" },
          { connections: 1 },
        ),
        subjectOverBase(
          "PUT new id, 10 connections",
          { name: "gateway (coordinated)", server: "gateway", kind: "put-create" },
          { name: "direct", server: "template", kind: "put-create" },
          {},
        ),
        subjectOverBase(
          "GET by id, read split 50 %",
          { name: "gateway", server: "gateway", kind: "get-by-id" },
          { name: "direct", server: "template", kind: "get-by-id" },
          {},
        ),
      ]
    : []),
];

export type BenchMode = "database" | "memory" | "instructions";

/**
 * What `--smoke` runs (tools/check's pass, kept under two minutes): every server and every request kind of
 * the mode at least once, not every row; what is longer belongs to `tools/bench`. The cost rows run on GET
 * by id, and in memory only (on the database their servers run the same code with the store swapped);
 * under callgrind the first of them, two processes. A row that runs no pair of server and request kind
 * that an earlier row has not is left out.
 */
export function smokeScenarios(all: readonly Scenario[], mode: BenchMode): Scenario[] {
  const costRows = new Set<Scenario>([...COST_SCENARIOS.database, ...COST_SCENARIOS.memory]);
  switch (mode) {
    case "database":
      return withNewPairs(all.filter((scenario) => !costRows.has(scenario)));
    case "memory":
      return withNewPairs(all.filter((scenario) => !costRows.has(scenario) || scenario.name.startsWith("GET by id")));
    case "instructions":
      return all.slice(0, 1);
  }
}

function withNewPairs(scenarios: readonly Scenario[]): Scenario[] {
  const seen = new Set<string>();
  return scenarios.filter((scenario) => {
    const pairs = scenario.variants.map((variant) => `${variant.server} ${variant.kind}`);
    const adds = pairs.some((pair) => !seen.has(pair));
    for (const pair of pairs) seen.add(pair);
    return adds;
  });
}
