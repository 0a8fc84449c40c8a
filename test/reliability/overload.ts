import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { putDelivery } from "./deliveries.ts";
import type { Report } from "./report.ts";

/** How long the capacity is measured, the overload lasts and the lighter load after it runs. */
const CAPACITY_MS = 2_000;
const OVERLOAD_MS = 4_000;
const RECOVERY_MS = 4_000;
/**
 * Closed-loop clients while the capacity is measured: enough to keep the service and its database busy
 * (with 16, a busy machine's round trips, not the service, set the pace, and twice that was no overload).
 */
const CAPACITY_CLIENTS = 48;
/** Requests in flight at most, whatever the rate: the generator's own bound. */
const MAX_IN_FLIGHT = 1_000;
/** A request not answered by then counts as hung (an error), far beyond any deadline the service sets. */
const CLIENT_PATIENCE_MS = 15_000;
const TICK_MS = 10;

type Answer = { status: number | "error"; ms: number; retryAfter: boolean; at: number };

/**
 * Overload with deadlines: the mix of the load smoke (PUTs of new ids, GETs of what was written) first
 * closed-loop to measure what this machine carries now, then open-loop at twice that for a few seconds,
 * then at half of it. The service was started with a short REQUEST_DEADLINE_MS (`deadlineMs`): while
 * overloaded it answers within about its deadline, refusing what it cannot do in time with a 503 and
 * Retry-After instead of queueing, and it serves the lighter load again by itself. Printed: the capacity,
 * p50/p99 and the share refused in each phase. Checked: every answer is a 2xx or a 503 with Retry-After,
 * none hangs, and most of the second half of the lighter load is served (not all: on a machine shared with
 * other work, the capacity measured a moment before is not a promise).
 */
export async function overload(service: { url: string; deadlineMs: number }, report: Report): Promise<void> {
  const written: string[] = [];
  const capacity = await closedLoop(service.url, written, CAPACITY_MS);
  const before = await serverDurations(service.url);
  const overloaded = await openLoop(service.url, written, capacity * 2, OVERLOAD_MS);
  const held = difference(await serverDurations(service.url), before);
  const recoveryStarted = Date.now();
  const recovery = await openLoop(service.url, written, capacity / 2, RECOVERY_MS);
  const recovered = recovery.filter((answer) => answer.at >= recoveryStarted + RECOVERY_MS / 2);

  report.figure("overload: capacity (closed loop)", `${capacity.toFixed(0)} req/s`);
  report.figure(
    `overload: ${(capacity * 2).toFixed(0)} req/s for ${OVERLOAD_MS / 1_000} s`,
    `${summary(overloaded)}; ${servedPerSecond(overloaded, OVERLOAD_MS)} req/s served (2xx)`,
  );
  report.figure(
    "overload: as the service measured it (its histogram, from its middleware on)",
    `${held.count} requests, ${percent(held.withinOne, held.count)} within 1 s, ${percent(held.withinTwoAndAHalf, held.count)} within 2.5 s`,
  );
  report.figure(`overload: then ${(capacity / 2).toFixed(0)} req/s for ${RECOVERY_MS / 1_000} s`, summary(recovery));
  const odd = [...overloaded, ...recovery].filter(
    (answer) => answer.status === "error" || (answer.status >= 300 && !(answer.status === 503 && answer.retryAfter)),
  );
  report.check(
    `overload: every answer a 2xx or a 503 with Retry-After, none hangs (deadline ${service.deadlineMs} ms)`,
    odd.length === 0 && overloaded.length > 0,
    odd
      .slice(0, 5)
      .map((answer) => String(answer.status))
      .join(","),
  );
  const served = recovered.filter((answer) => answer.status === 200 || answer.status === 201).length;
  report.check(
    "overload: the lighter load after it is served again (its second half: most answered 2xx)",
    served > recovered.length / 2,
    `${served} of ${recovered.length} served`,
  );
}

/** Requests a second this machine serves (2xx) now, with clients each sending one after another. */
async function closedLoop(url: string, written: string[], durationMs: number): Promise<number> {
  const end = Date.now() + durationMs;
  let served = 0;
  const client = async () => {
    for (let n = 0; Date.now() < end; n++) {
      const { status } = await send(url, written, n);
      if (status === 200 || status === 201) served += 1;
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: CAPACITY_CLIENTS }, client));
  return (served * 1_000) / (Date.now() - started);
}

/** `rate` requests a second for `durationMs`, whatever the answers take (an open loop, as real clients are). */
async function openLoop(url: string, written: string[], rate: number, durationMs: number): Promise<Answer[]> {
  const answers: Answer[] = [];
  const pending: Promise<void>[] = [];
  const started = Date.now();
  let sent = 0;
  let inFlight = 0;
  while (Date.now() - started < durationMs) {
    const due = Math.floor(((Date.now() - started) * rate) / 1_000);
    for (; sent < due; sent++) {
      if (inFlight >= MAX_IN_FLIGHT) continue;
      inFlight += 1;
      pending.push(
        send(url, written, sent).then((answer) => {
          answers.push(answer);
          inFlight -= 1;
        }),
      );
    }
    await sleep(TICK_MS);
  }
  await Promise.all(pending);
  return answers;
}

/** One request of the mix: a PUT of a new id, or a GET of one written before. */
async function send(url: string, written: string[], n: number): Promise<Answer> {
  const started = performance.now();
  const signal = AbortSignal.timeout(CLIENT_PATIENCE_MS);
  try {
    let status: number;
    let headers: Headers;
    if (n % 2 === 0 || written.length === 0) {
      const id = `overload-${randomBytes(5).toString("hex")}`;
      ({ status, headers } = await putDelivery(url, id, signal));
      if (status === 201) written.push(id);
    } else {
      const id = written[Math.floor(Math.random() * written.length)];
      const response = await fetch(`${url}/v2/deliveries/${id}`, { signal });
      await response.arrayBuffer();
      ({ status, headers } = response);
    }
    const ms = performance.now() - started;
    return { status, ms, retryAfter: headers.get("retry-after") !== null, at: Date.now() };
  } catch {
    return { status: "error", ms: performance.now() - started, retryAfter: false, at: Date.now() };
  }
}

function summary(answers: readonly Answer[]): string {
  const ms = answers.map((answer) => answer.ms).sort((a, b) => a - b);
  const at = (q: number) => (ms.length === 0 ? 0 : (ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] ?? 0));
  const refused = answers.filter((answer) => answer.status === 503).length;
  const share = answers.length === 0 ? 0 : (100 * refused) / answers.length;
  return `${answers.length} answered, p50 ${at(0.5).toFixed(0)} ms, p99 ${at(0.99).toFixed(0)} ms, max ${at(1).toFixed(0)} ms; ${share.toFixed(1)} % refused (503)`;
}

type Durations = { count: number; withinOne: number; withinTwoAndAHalf: number };

/**
 * The service's own request-duration histogram summed over every route and status. It starts when the
 * service reads a request, so unlike the client's figures it leaves out the wait for the machine to get to it.
 */
async function serverDurations(url: string): Promise<Durations> {
  const response = await fetch(`${url}/metrics`);
  const text = await response.text();
  // The labels hold braces of their own (`/v2/deliveries/{id}`), and the kit writes `le` first.
  const sum = (pattern: RegExp) =>
    [...text.matchAll(pattern)].reduce((total, match) => total + Number(match[1] ?? 0), 0);
  return {
    count: sum(/^http_server_request_duration_seconds_count\{.*\} (\S+)$/gm),
    withinOne: sum(/^http_server_request_duration_seconds_bucket\{le="1",.*\} (\S+)$/gm),
    withinTwoAndAHalf: sum(/^http_server_request_duration_seconds_bucket\{le="2\.5",.*\} (\S+)$/gm),
  };
}

function difference(after: Durations, before: Durations): Durations {
  return {
    count: after.count - before.count,
    withinOne: after.withinOne - before.withinOne,
    withinTwoAndAHalf: after.withinTwoAndAHalf - before.withinTwoAndAHalf,
  };
}

function percent(part: number, whole: number): string {
  return `${whole === 0 ? 0 : ((100 * part) / whole).toFixed(1)} %`;
}

function servedPerSecond(answers: readonly Answer[], durationMs: number): string {
  const served = answers.filter((answer) => answer.status === 200 || answer.status === 201).length;
  return ((served * 1_000) / durationMs).toFixed(0);
}
