import { setTimeout as sleep } from "node:timers/promises";
import type { BeginResult, IdempotencyStore } from "../../idempotency/index.ts";
import type { AppContext } from "../app-context.ts";
import { preferredWaitSeconds } from "../prefer.ts";
import { waitWithinDeadline } from "../request-deadline.ts";

/** How long a retry waits for the first request with its key while that one is still in flight. */
export type InFlightWaitOptions = Readonly<{
  /** Without `Prefer: wait=N`: a few seconds lets most first requests finish, so the retry gets their answer. */
  defaultSeconds: number;
  /** The most any request waits, whatever it prefers: each waiting request holds a connection and polls. */
  maxSeconds: number;
}>;

/** The wait a request gets, and whether it asked for it (then `Preference-Applied: wait=<seconds>` says so). */
export type PlannedWait = Readonly<{ seconds: number; preferred: boolean }>;

/** The record is polled with a backoff: soon at first (short requests), then at most twice a second. */
const FIRST_POLL_MS = 50;
const MAX_POLL_MS = 500;

export function plannedWait(ctx: AppContext, options: InFlightWaitOptions): PlannedWait {
  const preferred = preferredWaitSeconds(ctx.get("Prefer") || undefined);
  // Never past the request's own deadline (a caller's shorter X-Request-Timeout-Ms included): the 409 is
  // still answered in time.
  const seconds = waitWithinDeadline(ctx, Math.min(preferred ?? options.defaultSeconds, options.maxSeconds));
  return { seconds, preferred: preferred !== undefined };
}

export function isInFlight(begun: BeginResult): boolean {
  return begun.kind === "existing" && (begun.record.state === "in_flight" || !begun.record.response);
}

/**
 * Waits for the first request with the key by polling its record, so it works whichever instance runs the
 * first request (no change streams: FerretDB has none). Ends with what holds the key once it is no longer in
 * flight (its answer, or this request's own taking of a key that came free), with the last in-flight record
 * when the time ran out, or with "client_gone" when the client closed the connection meanwhile.
 */
export async function awaitFirstRequest(
  wait: Readonly<{ key: string; seconds: number; signal: AbortSignal }>,
  store: IdempotencyStore,
  begin: () => Promise<BeginResult>,
  inFlight: BeginResult,
): Promise<BeginResult | "client_gone"> {
  const deadline = Date.now() + wait.seconds * 1_000;
  let current = inFlight;
  for (let delay = FIRST_POLL_MS; isInFlight(current); delay = Math.min(delay * 2, MAX_POLL_MS)) {
    const left = deadline - Date.now();
    if (left <= 0) return current;
    if (!(await pause(Math.min(delay, left), wait.signal))) return "client_gone";
    const record = await store.read(wait.key, new Date());
    current = record ? { kind: "existing", record } : await begin();
  }
  return current;
}

/** False when the signal aborted first. */
async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false;
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

/**
 * Aborts when the client closes the connection before this request is answered (the response's `close`
 * comes before its end only then). Call the returned function to stop listening once the wait is over.
 */
export function clientGoneSignal(ctx: AppContext): { signal: AbortSignal; stop: () => void } {
  const controller = new AbortController();
  const onClose = () => {
    if (!ctx.res.writableEnded) controller.abort();
  };
  ctx.res.once("close", onClose);
  if (ctx.req.socket.destroyed) controller.abort();
  return { signal: controller.signal, stop: () => ctx.res.off("close", onClose) };
}
