import type { Middleware } from "koa";
import { IdempotencyKeyInFlightError, IdempotencyKeyReusedError, InvalidRequestError } from "../../errors/index.ts";
import type { BeginResult, IdempotencyStore, StoredResponse } from "../../idempotency/index.ts";
import type { AppContext, AppState } from "../app-context.ts";
import { requestFingerprint } from "./fingerprint.ts";
import {
  awaitFirstRequest,
  clientGoneSignal,
  type InFlightWaitOptions,
  isInFlight,
  type PlannedWait,
  plannedWait,
} from "./in-flight-wait.ts";
import { readIdempotencyKey } from "./key-header.ts";

export type IdempotencyKeysOptions = Readonly<{
  store: IdempotencyStore;
  /** A missing key is a 400 (the operation is not safe to retry without one). */
  required: boolean;
  /**
   * Who the client is: keys of different clients never meet. Default: the client of the caller's token
   * (`azp`, `client_id`, else `sub`) and its subject, since every user of one app shares its client and
   * must not be answered another user's stored response; "anonymous" when the service does not authenticate.
   */
  scope?: (ctx: AppContext) => string;
  lockMs: number;
  ttlMs: number;
  /** How long a retry waits for the answer of the first request with its key while that one runs. */
  inFlightWait: InFlightWaitOptions;
  /** Turns an error into the problem response the error handler would give, so it can be stored too. */
  respondToError: (ctx: AppContext, error: unknown) => void;
}>;

/** The headers of a response that a replay must repeat. */
const REPLAYED_HEADERS = ["location", "content-location", "content-type", "retry-after", "preference-applied", "etag"];

/**
 * Idempotency-Key for POST (draft-ietf-httpapi-idempotency-key-header-07, Stripe's idempotent requests):
 * the first request with a key is processed and its response stored with the request's fingerprint; the
 * same request again gets that response replayed (`Idempotent-Replayed: true`) and nothing is processed
 * twice; the same key for another request is a 422. While the first is in flight the retry waits for its
 * answer, up to `Prefer: wait=N` seconds (else the default, never over the maximum), and is a 409 with
 * `Retry-After` if it is still running then. Failures before the handler marks `processingStarted`
 * (validation) are not stored.
 */
export function idempotencyKeys(options: IdempotencyKeysOptions): Middleware<AppState> {
  return async (ctx, next) => {
    const key = readIdempotencyKey(ctx);
    if (key === undefined) {
      if (options.required) throw new InvalidRequestError("this operation requires an Idempotency-Key header");
      return next();
    }
    const scopedKey = `${(options.scope ?? callerClient)(ctx)}:${key}`;
    const fingerprint = requestFingerprint({
      method: ctx.method,
      path: ctx.path,
      apiMajor: ctx.state.apiMajor,
      body: ctx.state.body,
    });
    const begin = () =>
      options.store.begin(scopedKey, fingerprint, { now: new Date(), lockMs: options.lockMs, ttlMs: options.ttlMs });
    const first = await begin();
    const wait = outcomeOf(first, fingerprint) === "in_flight" ? plannedWait(ctx, options.inFlightWait) : undefined;
    const begun = wait ? await waitForFirst(ctx, { key: scopedKey, fingerprint, wait, begin, first }, options) : first;
    if (begun.kind === "started") return processOnce(ctx, next, { key: scopedKey, owner: begun.owner }, options);
    const { record } = begun;
    if (record.fingerprint !== fingerprint) {
      ctx.state.metrics?.idempotency.inc({ outcome: "key_reused" });
      throw new IdempotencyKeyReusedError();
    }
    // The client's wait was honoured, whether it ends in the first request's answer or in a 409.
    const waitApplied = wait?.preferred ? `wait=${wait.seconds}` : undefined;
    if (record.state === "in_flight" || !record.response) {
      ctx.state.metrics?.idempotency.inc({ outcome: "in_flight" });
      throw new IdempotencyKeyInFlightError(waitApplied ? { "Preference-Applied": waitApplied } : {});
    }
    ctx.state.metrics?.idempotency.inc({ outcome: "replayed" });
    replay(ctx, record.response);
    if (waitApplied)
      ctx.set("Preference-Applied", withWait(record.response.headers["preference-applied"], waitApplied));
  };
}

type Outcome = "processed" | "replayed" | "in_flight" | "key_reused";

/** What a request with the key gets now: processed (it holds the key), the stored answer, a 409 or a 422. */
function outcomeOf(begun: BeginResult, fingerprint: string): Outcome {
  if (begun.kind === "started") return "processed";
  if (begun.record.fingerprint !== fingerprint) return "key_reused";
  return isInFlight(begun) ? "in_flight" : "replayed";
}

/**
 * Waits for the first request with the key (see `awaitFirstRequest`) and times the wait by how it ended.
 * A client that went away is told nothing more: the in-flight 409 is what its request's log shows.
 */
async function waitForFirst(
  ctx: AppContext,
  waiting: Readonly<{
    key: string;
    fingerprint: string;
    wait: PlannedWait;
    begin: () => Promise<BeginResult>;
    first: BeginResult;
  }>,
  options: IdempotencyKeysOptions,
): Promise<BeginResult> {
  const started = performance.now();
  const gone = clientGoneSignal(ctx);
  try {
    const ended = await awaitFirstRequest(
      { key: waiting.key, seconds: waiting.wait.seconds, signal: gone.signal },
      options.store,
      waiting.begin,
      waiting.first,
    );
    const outcome = ended === "client_gone" ? ended : outcomeOf(ended, waiting.fingerprint);
    ctx.state.metrics?.idempotencyWait.observe({ outcome }, (performance.now() - started) / 1_000);
    if (ended === "client_gone") throw new IdempotencyKeyInFlightError();
    return ended;
  } finally {
    gone.stop();
  }
}

async function processOnce(
  ctx: AppContext,
  next: () => Promise<unknown>,
  taken: { key: string; owner: string },
  options: IdempotencyKeysOptions,
) {
  try {
    await next();
  } catch (error) {
    if (!ctx.state.processingStarted) {
      await options.store.abandon(taken.key, taken.owner);
      throw error;
    }
    options.respondToError(ctx, error);
  }
  if (!ctx.state.processingStarted) return options.store.abandon(taken.key, taken.owner);
  await options.store.complete(taken.key, taken.owner, captured(ctx));
  ctx.state.metrics?.idempotency.inc({ outcome: "processed" });
}

function captured(ctx: AppContext): StoredResponse {
  const headers: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = ctx.response.get(name);
    if (typeof value === "string" && value !== "") headers[name] = value;
  }
  return { status: ctx.status, headers, body: ctx.body ?? null };
}

function replay(ctx: AppContext, response: StoredResponse): void {
  ctx.status = response.status;
  for (const [name, value] of Object.entries(response.headers)) ctx.set(name, value);
  ctx.body = response.body;
  if (response.headers["content-type"]) ctx.type = response.headers["content-type"];
  ctx.set("Idempotent-Replayed", "true");
}

/**
 * The replayed answer's `Preference-Applied` with this request's wait in place of the first one's: the
 * first request's other preferences (`respond-async`) shaped the answer and stay listed.
 */
function withWait(stored: string | undefined, waitApplied: string): string {
  const others = (stored ?? "").split(",").map((preference) => preference.trim());
  return [...others.filter((preference) => preference !== "" && !/^wait\s*=/i.test(preference)), waitApplied].join(
    ", ",
  );
}

function callerClient(ctx: AppContext): string {
  const principal = ctx.state.principal;
  return principal ? `${principal.clientId}/${principal.subject}` : "anonymous";
}
