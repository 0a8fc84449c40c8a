import { once } from "node:events";
import { createInterface } from "node:readline";
import autocannon, { type Request } from "autocannon";
import { type ScenarioKind, scenarioRequests } from "./scenario-requests.ts";

/**
 * One measurement, in a process of its own so the load generator never shares an event loop with the
 * server it measures: seed, warm up (not counted), say "measuring", then load with a fixed number of
 * connections (at a fixed rate, when one is given) and print one JSON line with the figures.
 */
export type LoadJob = Readonly<{
  kind: ScenarioKind;
  url: string;
  runId: string;
  connections: number;
  /** Either a duration or a number of requests (for scenarios that consume a seeded record per request). */
  measure: { seconds: number } | { requests: number };
  warmup: { seconds: number } | { requests: number };
  /** Requests a second over all connections; none: as fast as the server answers. */
  rate?: number;
  /** After "measuring", wait for a line on stdin: the parent starts counting the server's instructions. */
  waitBeforeMeasuring?: boolean;
  /** How long one request may take (default 10 s); under valgrind a major garbage collection takes longer. */
  requestTimeoutSeconds?: number;
}>;

export type LoadResult = Readonly<{
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
}>;

const job = JSON.parse(process.argv[2] ?? "") as LoadJob;
const budget = requestCount(job.measure) + requestCount(job.warmup);
const scenario = scenarioRequests(job.kind, { ...job, requestBudget: budget });
let lastResponseAt = 0;
// autocannon checks a request count only once a second, so the time of the last answer is taken here.
const requests = scenario.requests.map((request): Request => {
  const forward = request.onResponse;
  return {
    ...request,
    onResponse: (status, body, context, headers) => {
      lastResponseAt = performance.now();
      if (typeof forward === "function") forward(status, body, context, headers);
    },
  };
});
await scenario.seed();
const load = (measure: LoadJob["measure"]) =>
  autocannon({
    url: job.url,
    connections: job.connections,
    requests,
    timeout: job.requestTimeoutSeconds ?? 10,
    ...limits(measure),
    ...(job.rate !== undefined && { overallRate: job.rate }),
  });
// A smoke run warms up with nothing: no load at all, rather than autocannon's reading of a zero.
if (requestCount(job.warmup) > 0 || ("seconds" in job.warmup && job.warmup.seconds > 0)) await load(job.warmup);
// The parent samples the server's CPU time between this line and the result.
process.stdout.write("measuring\n");
if (job.waitBeforeMeasuring) await once(createInterface({ input: process.stdin }), "line");
const started = performance.now();
const result = await load(job.measure);
const elapsedSeconds = (lastResponseAt - started) / 1_000;
const statusCodes = Object.fromEntries(
  Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, (stats as { count: number }).count]),
);
const output: LoadResult = {
  requestsPerSecond: result.requests.total / elapsedSeconds,
  p50Ms: result.latency.p50,
  p99Ms: result.latency.p99,
  requests: result.requests.total,
  errors: result.errors,
  timeouts: result.timeouts,
  non2xx: result.non2xx,
  statusCodes,
};
process.stdout.write(`${JSON.stringify(output)}\n`);

function limits(measure: LoadJob["measure"]) {
  return "seconds" in measure ? { duration: measure.seconds } : { amount: measure.requests };
}

function requestCount(measure: LoadJob["measure"]): number {
  return "requests" in measure ? measure.requests : 0;
}
