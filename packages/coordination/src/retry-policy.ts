/**
 * When and how a call to a participant is retried: data, so a caller can read and change it. Only what
 * is safe is retried: every write is a conditional, idempotent PUT or DELETE, so repeating it is harmless.
 */
export type RetryPolicy = Readonly<{
  /** Attempts per call, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Every call is abandoned after this long; its outcome is then unknown, not failed. */
  timeoutMs: number;
  /** Statuses worth another attempt. 409 covers an Idempotency-Key still in flight. */
  retryStatuses: readonly number[];
}>;

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 100,
  maxDelayMs: 2_000,
  timeoutMs: 5_000,
  retryStatuses: [409, 502, 503, 504],
};

/**
 * Exponential backoff with full jitter (attempt 1 waits up to base, 2 up to 2x base, ...), capped; a
 * Retry-After from the server wins when it asks for longer, still capped so one call stays bounded.
 * `random` is the jitter's source, in [0, 1).
 */
export function retryDelayMs(
  policy: RetryPolicy,
  attempt: number,
  retryAfterSeconds: number | undefined,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = random() * exponential;
  const asked = retryAfterSeconds === undefined ? 0 : retryAfterSeconds * 1_000;
  return Math.min(policy.maxDelayMs, Math.max(jittered, asked));
}

/**
 * Retry-After as delta-seconds or an HTTP-date (RFC 9110 §10.2.3), in seconds from `now` (a date already
 * past is 0); undefined when absent or neither.
 */
export function retryAfterSeconds(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null) return undefined;
  if (/^\d+$/.test(header)) return Number(header);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1_000);
}
