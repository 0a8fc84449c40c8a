import { setTimeout as sleep } from "node:timers/promises";
import type { LoadJob } from "../load/load.ts";
import { runLoad } from "../load/run-load.ts";
import type { MeasuredLoad, Measurement } from "../report.ts";
import type { Scenario, ServerName, Variant } from "../scenarios.ts";
import type { BenchServer } from "../servers.ts";
import type { InstructionCounter } from "./instruction-counter.ts";

export type CountedSettings = Readonly<{
  /** Counted windows per process; the figure is their mean. */
  windows: number;
  /** Requests per window. */
  requests: number;
  /** Requests before the first window, not counted. */
  warmup: number;
  connections: number;
  /** Seconds left to the process after it is ready, before its idle rate is counted (7; less in a smoke run). */
  settleSeconds: number;
  /** Seconds its idle rate is counted over (5; less in a smoke run). */
  idleSeconds: number;
}>;

export type CountedRound = Readonly<{
  round: number;
  runId: string;
  scenarios: readonly Scenario[];
  settings: CountedSettings;
  /** Starts the server a variant names under callgrind, in a database of its own. */
  startServer: (server: ServerName) => Promise<BenchServer>;
  /** Where a broken measurement is told; the run fails, the other measurements are still taken. */
  failures: string[];
}>;

/**
 * `--instructions`: every server and request kind of the cost rows in a process of its own, warmed up, then
 * counted over a few windows. The figure is their mean, not the median window's: a major garbage collection
 * lands in one window of several (and can double its count), but it is part of what the variant costs, and
 * the median would leave it out of the variant that allocates more. Each kind is measured once per round
 * for every row that names it: the as-shipped build is the base of three.
 */
export async function countedRound(options: CountedRound): Promise<Measurement[]> {
  const counted = new Map<string, MeasuredLoad | undefined>();
  const measurements: Measurement[] = [];
  for (const scenario of options.scenarios) {
    for (const variant of scenario.variants) {
      const key = `${variant.server} ${variant.kind}`;
      if (!counted.has(key)) counted.set(key, await countVariant(options, variant, `${options.runId}-${counted.size}`));
      const result = counted.get(key);
      if (result) measurements.push({ round: options.round, scenario: scenario.name, variant: variant.name, result });
    }
  }
  return measurements;
}

async function countVariant(options: CountedRound, variant: Variant, runId: string): Promise<MeasuredLoad | undefined> {
  const { settings, round } = options;
  const what = `round ${round} ${variant.server} ${variant.kind}`;
  const server = await options.startServer(variant.server).catch((error: unknown) => {
    fail(options, `${what}: ${(error as Error).message}`);
    return undefined;
  });
  if (!server) return undefined;
  try {
    if (!server.instructions) throw new Error("the server does not run under callgrind");
    const idle = await countIdle(server.instructions, settings);
    const windows: MeasuredLoad[] = [];
    for (let window = 0; window < settings.windows; window++) {
      const job: LoadJob = {
        kind: variant.kind,
        url: server.url,
        runId: `${runId}-${window}`,
        connections: settings.connections,
        measure: { requests: settings.requests },
        // No fixed rate: a count does not depend on how busy the process is, and under valgrind it answers
        // far below the rates of the rows. Each window seeds its own records, and warms up on them too.
        warmup: { requests: window === 0 ? settings.warmup : settings.connections * 10 },
        waitBeforeMeasuring: true,
        requestTimeoutSeconds: 120,
      };
      const result = await runLoad(job, server, idle);
      if (result.errors + result.timeouts + result.non2xx > 0) {
        fail(options, `${what}: ${JSON.stringify(result)}`);
        return undefined;
      }
      windows.push(result);
    }
    const counts = windows.map((window) => window.serverInstructionsPerRequest ?? 0);
    const mean = counts.reduce((sum, count) => sum + count, 0) / counts.length;
    const perWindow = counts.map((count) => `${(count / 1_000).toFixed(0)}k`).join(", ");
    const idleRate = `${(idle / 1e6).toFixed(2)}M/s idle`;
    process.stdout.write(`[bench] ${what}: instructions/req per window ${perWindow} (${idleRate} taken out)\n`);
    const [first] = windows;
    if (!first) throw new Error("no window was counted");
    // Every window has as many requests: their mean is the process's count over all of them.
    return { ...first, serverInstructionsPerRequest: mean };
  } catch (error) {
    fail(options, `${what}: ${(error as Error).message}`);
    return undefined;
  } finally {
    await server.stop();
  }
}

/** Instructions a second the process executes with no request, JavaScript compilation left out. */
async function countIdle(counter: InstructionCounter, settings: CountedSettings): Promise<number> {
  // What is left of starting up is not the process at rest: with tracing, the spans of the readiness
  // checks are exported up to 5 s (the batch delay) after the last one.
  await sleep(settings.settleSeconds * 1_000);
  await counter.start();
  await sleep(settings.idleSeconds * 1_000);
  const idle = await counter.stop();
  return (idle.total - idle.compiling) / idle.seconds;
}

/** A failed measurement fails the run at its end; it is told at once, as the next one can take minutes. */
function fail(options: CountedRound, failure: string): void {
  options.failures.push(failure);
  process.stderr.write(`[bench] FAILED ${failure}\n`);
}
