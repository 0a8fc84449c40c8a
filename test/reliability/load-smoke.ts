import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { putDelivery } from "./deliveries.ts";
import type { Report } from "./report.ts";

/**
 * Below what this machine carries of this mix on FerretDB (70-93 requests a second). At 100 the requests
 * queued behind FerretDB's SQLite writes, and in about one run in five an operation waited past the
 * socket timeout (10 s) and was answered 503: an overloaded database, which the database-fault checks
 * cover, not what a smoke run is for.
 */
const RATE_PER_SECOND = 50;
const MAX_IN_FLIGHT = 50;

/**
 * A fixed rate of requests (half PUTs of new ids, half GETs of what was written) for a number of seconds:
 * no 5xx, no error; the server process's resident memory before and after is printed.
 */
export async function loadSmoke(service: { url: string; pid: number }, seconds: number, report: Report): Promise<void> {
  const rssBefore = residentMb(service.pid);
  const written: string[] = [];
  const statuses = new Map<string, number>();
  let inFlight = 0;
  let skipped = 0;
  const pending: Promise<void>[] = [];
  const interval = 1_000 / RATE_PER_SECOND;
  const end = Date.now() + seconds * 1_000;
  for (let n = 0; Date.now() < end; n++) {
    if (inFlight >= MAX_IN_FLIGHT) {
      skipped += 1;
    } else {
      inFlight += 1;
      const request = n % 2 === 0 || written.length === 0 ? putNew(service.url, written) : get(service.url, written);
      const count = (outcome: string) => {
        statuses.set(outcome, (statuses.get(outcome) ?? 0) + 1);
        inFlight -= 1;
      };
      pending.push(
        request.then(
          (status) => count(String(status)),
          () => count("error"),
        ),
      );
    }
    await sleep(interval);
  }
  await Promise.all(pending);
  const rssAfter = residentMb(service.pid);
  const answered = [...statuses.values()].reduce((sum, count) => sum + count, 0);
  const failures = [...statuses].filter(([status]) => status === "error" || Number(status) >= 500);
  report.figure(
    `load smoke, ${seconds} s at ${RATE_PER_SECOND} req/s`,
    `${(answered / seconds).toFixed(0)} req/s answered: ${[...statuses].map(([status, count]) => `${count} x ${status}`).join(", ")}; ${skipped} not sent (over ${MAX_IN_FLIGHT} in flight); RSS ${rssBefore} MB -> ${rssAfter} MB`,
  );
  report.check(
    "load smoke: no 5xx and no error",
    failures.length === 0,
    failures.map(([s, c]) => `${c} x ${s}`).join(", "),
  );
}

async function putNew(url: string, written: string[]): Promise<number> {
  const id = `load-${randomBytes(5).toString("hex")}`;
  const { status } = await putDelivery(url, id);
  if (status === 201) written.push(id);
  return status;
}

async function get(url: string, written: string[]): Promise<number> {
  const id = written[Math.floor(Math.random() * written.length)];
  const response = await fetch(`${url}/v2/deliveries/${id}`);
  await response.arrayBuffer();
  return response.status;
}

/** Resident memory of a process, from /proc (Linux); "?" elsewhere. */
function residentMb(pid: number): string {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]);
    return Number.isFinite(kb) ? (kb / 1024).toFixed(0) : "?";
  } catch {
    return "?";
  }
}
