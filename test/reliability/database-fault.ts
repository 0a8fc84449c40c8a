import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { TcpProxy } from "@starter/testing";
import { putDelivery } from "./deliveries.ts";
import type { Report } from "./report.ts";

const HEALTHY_MS = 1_000;
const FAULT_MS = 3_000;
/** How long after the fault ends the stream keeps going, to see recovery (bounded). */
const AFTER_MS = 6_000;
const CLIENT_TIMEOUT_MS = 15_000;

/** One PUT of the stream: `at` is when its answer came (a hung database shows in the wait, not the send). */
type Sent = { id: string; at: number; status: number | "error" };

/**
 * A steady stream of PUTs (one at a time, new ids) to a delivery instance whose database connection runs
 * through a proxy; the database is made to refuse, or to hang, for a few seconds, then comes back. Figures:
 * how long until the first 503, how long until writes succeed again; checks: every answer is a 2xx or a 503
 * (nothing hangs past the client's patience), and every acknowledged write is there afterwards.
 */
export async function databaseFault(
  mode: "refused" | "hung",
  service: { url: string; database: TcpProxy },
  report: Report,
): Promise<void> {
  const sent: Sent[] = [];
  const started = Date.now();
  const faultAt = started + HEALTHY_MS;
  const restoreAt = faultAt + FAULT_MS;
  let faulted = false;
  let restored = false;
  while (Date.now() < restoreAt + AFTER_MS) {
    if (!faulted && Date.now() >= faultAt) {
      faulted = true;
      if (mode === "refused") service.database.resetConnections(true);
      else service.database.delayRequests(120_000);
    }
    if (faulted && !restored && Date.now() >= restoreAt) {
      restored = true;
      if (mode === "refused") service.database.resetConnections(false);
      else service.database.delayRequests(0);
    }
    const id = `fault-${randomBytes(5).toString("hex")}`;
    const status = await put(service.url, id);
    sent.push({ id, at: Date.now(), status });
    await sleep(20);
  }
  const firstUnavailable = sent.find((s) => s.at >= faultAt && s.status === 503);
  const recovered = sent.find((s) => s.at >= restoreAt && typeof s.status === "number" && s.status < 300);
  const acknowledged = sent.filter((s) => typeof s.status === "number" && s.status < 300);
  const lost: string[] = [];
  for (const { id } of acknowledged) {
    const response = await fetch(`${service.url}/v2/deliveries/${id}`, {
      signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
    });
    await response.arrayBuffer();
    if (response.status !== 200) lost.push(id);
  }
  const odd = sent.filter((s) => s.status === "error" || (s.status >= 300 && s.status !== 503));
  report.figure(
    `database ${mode}`,
    `${sent.length} PUTs, ${acknowledged.length} acknowledged; first 503 ${since(firstUnavailable, faultAt)} after the fault; writes again ${since(recovered, restoreAt)} after it ended`,
  );
  report.check(
    `database ${mode}: every answer is a 2xx or a 503 with Retry-After, none hangs`,
    odd.length === 0,
    odd
      .map((s) => String(s.status))
      .slice(0, 5)
      .join(","),
  );
  report.check(
    `database ${mode}: the service answers 503 during the fault and recovers by itself`,
    firstUnavailable !== undefined && recovered !== undefined,
  );
  report.check(
    `database ${mode}: no acknowledged write is lost (${acknowledged.length} read back)`,
    lost.length === 0,
    lost.slice(0, 5).join(","),
  );
}

async function put(url: string, id: string): Promise<number | "error"> {
  try {
    const { status, headers } = await putDelivery(url, id, AbortSignal.timeout(CLIENT_TIMEOUT_MS));
    if (status === 503 && !headers.get("retry-after")) return 599; // a 503 without Retry-After
    return status;
  } catch {
    return "error";
  }
}

function since(sent: Sent | undefined, from: number): string {
  return sent ? `${sent.at - from} ms` : "never";
}
