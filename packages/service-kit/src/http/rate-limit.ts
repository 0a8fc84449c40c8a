import type { Middleware } from "koa";
import { type RateLimiterAbstract, RateLimiterRes } from "rate-limiter-flexible";
import { untilDeadline } from "../deadlines/index.ts";
import type { AppContext, AppState } from "./app-context.ts";
import { RateLimitExceededError } from "./rate-limit-errors.ts";

export type RateLimitOptions = Readonly<{
  /** Counts each client's requests in a window (`mongoRateLimiter`: shared by every instance). */
  limiter: RateLimiterAbstract;
  /** Names the policy in the RateLimit headers ("writes"). */
  policy: string;
}>;

/** The methods that change something: the ones limited (reads are cheap and cached by clients). */
const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Whether the limiter counts a request of this method, so its answers carry the RateLimit fields. */
export function isRateLimited(method: string): boolean {
  return WRITES.has(method.toUpperCase());
}

/**
 * Limits each client's writes (OWASP API4): a request over the limit is a 429 with Retry-After, before its
 * body is read. Every limited answer carries the IETF draft's fields (draft-ietf-httpapi-ratelimit-headers-09):
 * `RateLimit-Policy: "writes";q=<quota>;w=<window>` and `RateLimit: "writes";r=<remaining>;t=<seconds to reset>`.
 * The client is the token's (`clientId`); without authentication, the caller's address.
 */
export function rateLimit(options: RateLimitOptions): Middleware<AppState> {
  const { limiter, policy } = options;
  const policyHeader = `"${policy}";q=${limiter.points};w=${limiter.duration}`;
  return async (ctx, next) => {
    if (!isRateLimited(ctx.method)) return next();
    let answer: RateLimiterRes;
    try {
      // The store's call takes no signal: a database that hangs must not hold the request past its deadline.
      answer = await untilDeadline(limiter.consume(clientOf(ctx)));
    } catch (rejection) {
      // The limiter rejects with its result when the client is over the limit, with the store's error otherwise.
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const headers = { "RateLimit-Policy": policyHeader, RateLimit: remaining(policy, rejection) };
      throw new RateLimitExceededError(secondsUntil(rejection), headers);
    }
    ctx.set("RateLimit-Policy", policyHeader);
    ctx.set("RateLimit", remaining(policy, answer));
    return next();
  };
}

function clientOf(ctx: AppContext): string {
  return ctx.state.principal ? `client:${ctx.state.principal.clientId}` : `address:${ctx.ip}`;
}

function remaining(policy: string, answer: RateLimiterRes): string {
  return `"${policy}";r=${answer.remainingPoints};t=${secondsUntil(answer)}`;
}

function secondsUntil(answer: RateLimiterRes): number {
  return Math.max(1, Math.ceil(answer.msBeforeNext / 1_000));
}
