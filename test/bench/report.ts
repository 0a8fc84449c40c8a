import type { LoadResult } from "./load/load.ts";
import type { Scenario } from "./scenarios.ts";
import { type Summary, summarize } from "./statistics.ts";

/**
 * autocannon's figures plus the CPU time the measured server process spent per request, and with
 * `--instructions` the instructions it executed per request (JavaScript compilation left out).
 */
export type MeasuredLoad = LoadResult &
  Readonly<{ serverCpuMsPerRequest: number; serverInstructionsPerRequest?: number }>;
export type Measurement = Readonly<{ round: number; scenario: string; variant: string; result: MeasuredLoad }>;
export type ServerSample = Readonly<{
  round: number;
  server: string;
  readyMs: number;
  peakRssMb: number;
  rssMb: number;
}>;

export type VariantFigures = Readonly<{
  scenario: string;
  variant: string;
  requestsPerSecond: Summary;
  p50Ms: Summary;
  p99Ms: Summary;
  serverCpuMsPerRequest: Summary;
  serverInstructionsPerRequest: Summary;
  /** Within each round, divided by the scenario's base variant (the limit, or the request without the feature). */
  vsBase: {
    requestsPerSecond: Summary;
    p50Ms: Summary;
    p99Ms: Summary;
    serverCpuMsPerRequest: Summary;
    /** Within each round, the CPU per request above the base's, in microseconds. */
    serverCpuMicrosAbove: Summary;
    serverInstructionsPerRequest: Summary;
    serverInstructionsAbove: Summary;
  };
  vsPeer?: { requestsPerSecond: Summary; p99Ms: Summary };
  /** Within each round, the CPU per request above bare Koa's doing the same work: the kit's own cost. */
  vsFloor?: { serverCpuMicrosAbove: Summary };
}>;

export type ServerFigures = Readonly<{ server: string; readyMs: Summary; peakRssMb: Summary; rssMb: Summary }>;

export function figuresOf(scenarios: readonly Scenario[], measurements: readonly Measurement[]): VariantFigures[] {
  return scenarios.flatMap((scenario) =>
    scenario.variants.map((variant) => {
      const own = measurements.filter((m) => m.scenario === scenario.name && m.variant === variant.name);
      const withinRound = (
        other: string,
        figure: keyof MeasuredLoad,
        combine: (own: number, other: number) => number,
      ) =>
        summarize(
          own.map((m) => {
            const same = measurements.find(
              (o) => o.scenario === scenario.name && o.variant === other && o.round === m.round,
            );
            return combine(Number(m.result[figure]), Number(same?.result[figure] ?? Number.NaN));
          }),
        );
      const ratio = (other: string, figure: keyof MeasuredLoad) => withinRound(other, figure, (a, b) => a / b);
      return {
        scenario: scenario.name,
        variant: variant.name,
        requestsPerSecond: summarize(own.map((m) => m.result.requestsPerSecond)),
        p50Ms: summarize(own.map((m) => m.result.p50Ms)),
        p99Ms: summarize(own.map((m) => m.result.p99Ms)),
        serverCpuMsPerRequest: summarize(own.map((m) => m.result.serverCpuMsPerRequest)),
        serverInstructionsPerRequest: summarize(own.map((m) => m.result.serverInstructionsPerRequest ?? Number.NaN)),
        vsBase: {
          requestsPerSecond: ratio(scenario.base, "requestsPerSecond"),
          p50Ms: ratio(scenario.base, "p50Ms"),
          p99Ms: ratio(scenario.base, "p99Ms"),
          serverCpuMsPerRequest: ratio(scenario.base, "serverCpuMsPerRequest"),
          serverCpuMicrosAbove: withinRound(scenario.base, "serverCpuMsPerRequest", (a, b) => (a - b) * 1_000),
          serverInstructionsPerRequest: ratio(scenario.base, "serverInstructionsPerRequest"),
          serverInstructionsAbove: withinRound(scenario.base, "serverInstructionsPerRequest", (a, b) => a - b),
        },
        ...(scenario.peer && {
          vsPeer: {
            requestsPerSecond: ratio(scenario.peer, "requestsPerSecond"),
            p99Ms: ratio(scenario.peer, "p99Ms"),
          },
        }),
        ...(scenario.floor && {
          vsFloor: {
            serverCpuMicrosAbove: withinRound(scenario.floor, "serverCpuMsPerRequest", (a, b) => (a - b) * 1_000),
          },
        }),
      };
    }),
  );
}

export function serverFiguresOf(samples: readonly ServerSample[]): ServerFigures[] {
  const servers = [...new Set(samples.map((s) => s.server))];
  return servers.map((server) => {
    const own = samples.filter((s) => s.server === server);
    return {
      server,
      readyMs: summarize(own.map((s) => s.readyMs)),
      peakRssMb: summarize(own.map((s) => s.peakRssMb)),
      rssMb: summarize(own.map((s) => s.rssMb)),
    };
  });
}

export function markdownReport(
  machine: string,
  figures: readonly VariantFigures[],
  servers: readonly ServerFigures[],
): string {
  const rows = figures.map((f) =>
    [
      f.scenario,
      f.variant,
      spread(f.requestsPerSecond, 0),
      spread(f.p50Ms, 1),
      spread(f.p99Ms, 1),
      spread(f.vsBase.requestsPerSecond, 2),
      spread(f.vsBase.p50Ms, 2),
      spread(f.vsBase.p99Ms, 2),
      spread(f.serverCpuMsPerRequest, 2),
      spread(f.vsBase.serverCpuMsPerRequest, 2),
      spread(f.vsBase.serverCpuMicrosAbove, 0),
      f.vsPeer ? spread(f.vsPeer.requestsPerSecond, 2) : "",
      f.vsPeer ? spread(f.vsPeer.p99Ms, 2) : "",
      f.vsFloor ? spread(f.vsFloor.serverCpuMicrosAbove, 0) : "",
    ].join(" | "),
  );
  const serverRows = servers.map((s) =>
    [s.server, spread(s.readyMs, 0), spread(s.peakRssMb, 0), spread(s.rssMb, 0)].join(" | "),
  );
  return [
    machine,
    "",
    "Median (min-max) over the rounds; ratios are taken within each round. Base: the limit, or the same request without the feature.",
    "CPU ms/req: user + system CPU time of the measured server process (not the database) per request; CPU − base: the difference in µs; CPU − Koa floor: what a variant takes beyond bare Koa and its router doing the same work (for the template: the kit's own cost).",
    "",
    "| scenario | variant | req/s | p50 ms | p99 ms | req/s ÷ base | p50 ÷ base | p99 ÷ base | CPU ms/req | CPU ÷ base | CPU − base µs | req/s ÷ peer | p99 ÷ peer | CPU − Koa floor µs |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map((row) => `| ${row} |`),
    "",
    "| server | ready ms | peak RSS MB | RSS after MB |",
    "|---|---:|---:|---:|",
    ...serverRows.map((row) => `| ${row} |`),
  ].join("\n");
}

/**
 * `--instructions`: what each variant executed per request under callgrind. Only these figures: under
 * valgrind a process runs about fifty times slower, so its rate, latency and CPU time say nothing.
 */
export function instructionsReport(machine: string, figures: readonly VariantFigures[]): string {
  const thousands = (summary: Summary) => spread(scaled(summary, 1 / 1_000), 0);
  const rows = figures.map((f) =>
    [
      f.scenario,
      f.variant,
      thousands(f.serverInstructionsPerRequest),
      spread(f.vsBase.serverInstructionsPerRequest, 2),
      thousands(f.vsBase.serverInstructionsAbove),
    ].join(" | "),
  );
  return [
    machine,
    "",
    "Median (min-max) over the rounds; ratios are taken within each round. Instructions the server process executed per request, in thousands:",
    "every thread, user space only (not the kernel's work for its sockets), JavaScript compilation left out.",
    "",
    "| scenario | variant | instructions/req (k) | ÷ base | − base (k) |",
    "|---|---|---:|---:|---:|",
    ...rows.map((row) => `| ${row} |`),
  ].join("\n");
}

function scaled(summary: Summary, factor: number): Summary {
  return { median: summary.median * factor, min: summary.min * factor, max: summary.max * factor };
}

/** A ratio to a latency autocannon rounds to 0 ms is not a figure: shown as "–". */
function spread(summary: Summary, digits: number): string {
  if (!Number.isFinite(summary.median)) return "–";
  const format = (value: number) => value.toFixed(digits);
  if (summary.min === summary.max) return format(summary.median);
  return `${format(summary.median)} (${format(summary.min)}-${format(summary.max)})`;
}
