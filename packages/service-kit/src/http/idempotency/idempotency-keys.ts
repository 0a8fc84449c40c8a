import type { Middleware } from "koa";
import { IdempotencyKeyInFlightError, IdempotencyKeyReusedError, InvalidRequestError } from "../../errors/index.ts";
import type { AppContext, AppState } from "../app-context.ts";
import { requestFingerprint } from "./fingerprint.ts";
import { readIdempotencyKey } from "./key-header.ts";
import type { IdempotencyStore, StoredResponse } from "./store.ts";

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
  /** Turns an error into the problem response the error handler would give, so it can be stored too. */
  respondToError: (ctx: AppContext, error: unknown) => void;
}>;

/** The headers of a response that a replay must repeat. */
const REPLAYED_HEADERS = ["location", "content-location", "content-type", "retry-after", "preference-applied", "etag"];
const IN_FLIGHT_RETRY_AFTER_SECONDS = "1";

/**
 * Idempotency-Key for POST (draft-ietf-httpapi-idempotency-key-header-07, Stripe's idempotent requests):
 * the first request with a key is processed and its response stored with the request's fingerprint; the
 * same request again gets that response replayed (`Idempotent-Replayed: true`) and nothing is processed
 * twice; the same key for another request is a 422, and while the first is in flight a 409. Failures
 * before the handler marks `processingStarted` (validation) are not stored.
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
    const begun = await options.store.begin(scopedKey, fingerprint, {
      now: new Date(),
      lockMs: options.lockMs,
      ttlMs: options.ttlMs,
    });
    if (begun.kind === "existing") {
      if (begun.record.fingerprint !== fingerprint) {
        ctx.state.metrics?.idempotency.inc({ outcome: "key_reused" });
        throw new IdempotencyKeyReusedError();
      }
      if (begun.record.state === "in_flight" || !begun.record.response) {
        ctx.state.metrics?.idempotency.inc({ outcome: "in_flight" });
        ctx.set("Retry-After", IN_FLIGHT_RETRY_AFTER_SECONDS);
        throw new IdempotencyKeyInFlightError();
      }
      ctx.state.metrics?.idempotency.inc({ outcome: "replayed" });
      replay(ctx, begun.record.response);
      return;
    }
    await processOnce(ctx, next, { key: scopedKey, owner: begun.owner }, options);
  };
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

function callerClient(ctx: AppContext): string {
  const principal = ctx.state.principal;
  return principal ? `${principal.clientId}/${principal.subject}` : "anonymous";
}
