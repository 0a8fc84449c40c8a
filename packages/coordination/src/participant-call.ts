import { setTimeout as sleep } from "node:timers/promises";
import { type RetryPolicy, retryAfterSeconds, retryDelayMs } from "./retry-policy.ts";

/**
 * A participant's answer, its body parsed (JSON, or the text when it is not JSON; undefined when empty).
 * Its headers are read by name (fetch's `Headers` is one; a leaner client passes its own).
 */
export type Answer = Readonly<{ status: number; headers: AnswerHeaders; body: unknown }>;

export type AnswerHeaders = Readonly<{ get: (name: string) => string | null }>;

/**
 * One attempt at a call: sent, aborted by `signal` after `timeoutMs`. The timeout is given too so that the
 * request can tell the other side how long its caller waits (`X-Request-Timeout-Ms`).
 */
export type Exchange = (signal: AbortSignal, timeoutMs: number) => Promise<Answer>;

/**
 * What a call came to. `unanswered` (a timeout or a broken connection on the last attempt) means the
 * effect is unknown: the request may have been applied. The coordinator re-reads before deciding.
 * `timedOut` tells a participant that was too slow from one that could not be reached at all.
 */
export type CallResult =
  | {
      readonly kind: "answered";
      readonly status: number;
      readonly etag: string | undefined;
      readonly body: unknown;
      /** The answer's headers a refusal passes on to the caller's client (`REFUSAL_HEADERS`), where present. */
      readonly headers: Readonly<Record<string, string>>;
      /** An earlier attempt got no answer: it may still be applied, whatever this one says. */
      readonly afterUnanswered?: true;
    }
  | { readonly kind: "unanswered"; readonly reason: string; readonly timedOut: boolean };

/**
 * What a participant's refusal tells its client beyond the body: when to come back and its rate limit
 * (RFC 9110 Retry-After, the IETF draft's RateLimit and RateLimit-Policy). A caller answering the refusal as
 * its own passes them on; without them a limited client could not know when to retry.
 */
export const REFUSAL_HEADERS = ["retry-after", "ratelimit", "ratelimit-policy"] as const;

/**
 * Calls a participant under the retry policy: each attempt has a timeout; retryable answers are retried.
 * With a `deadline` (epoch ms), no attempt starts after it and none outlasts it.
 */
export async function callParticipant(exchange: Exchange, policy: RetryPolicy, deadline?: number): Promise<CallResult> {
  let result: CallResult = { kind: "unanswered", reason: "the deadline had passed", timedOut: true };
  let unansweredBefore = false;
  for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
    const timeoutMs = Math.min(
      policy.timeoutMs,
      deadline === undefined ? Number.POSITIVE_INFINITY : deadline - Date.now(),
    );
    if (timeoutMs <= 0) break;
    const { result: attempted, retryAfterSeconds } = await attemptOnce(exchange, timeoutMs);
    result = unansweredBefore && attempted.kind === "answered" ? { ...attempted, afterUnanswered: true } : attempted;
    unansweredBefore ||= attempted.kind === "unanswered";
    const retryable = attempted.kind === "unanswered" || policy.retryStatuses.includes(attempted.status);
    if (!retryable || attempt === policy.maxAttempts) break;
    await sleep(retryDelayMs(policy, attempt, retryAfterSeconds));
  }
  return result;
}

async function attemptOnce(exchange: Exchange, timeoutMs: number) {
  try {
    const answer = await exchange(AbortSignal.timeout(timeoutMs), timeoutMs);
    const result: CallResult = {
      kind: "answered",
      status: answer.status,
      etag: answer.headers.get("etag") ?? undefined,
      body: answer.body,
      headers: refusalHeaders(answer.headers),
    };
    return { result, retryAfterSeconds: retryAfterSeconds(answer.headers.get("retry-after")) };
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const timedOut = error instanceof Error && error.name === "TimeoutError";
    return { result: { kind: "unanswered", reason, timedOut } as CallResult, retryAfterSeconds: undefined };
  }
}

function refusalHeaders(headers: AnswerHeaders): Record<string, string> {
  const passed: Record<string, string> = {};
  for (const name of REFUSAL_HEADERS) {
    const value = headers.get(name);
    if (value !== null) passed[name] = value;
  }
  return passed;
}
