import { describe, expect, it } from "vitest";
import { callParticipant, type RetryPolicy } from "../src/index.ts";
import { retryAfterSeconds, retryDelayMs } from "../src/retry-policy.ts";

const POLICY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 100,
  maxDelayMs: 2_000,
  timeoutMs: 1_000,
  retryStatuses: [503],
};
/** A jitter source that always draws `value`. */
const drawing = (value: number) => () => value;
/** Just below 1: the longest a jittered delay can be. */
const HIGHEST = 1 - Number.EPSILON;

describe("retryDelayMs", () => {
  it("When attempts follow each other, then each may wait up to twice as long as the one before (full jitter)", () => {
    const longest = [1, 2, 3, 4].map((attempt) => retryDelayMs(POLICY, attempt, undefined, drawing(HIGHEST)));
    const half = [1, 2, 3, 4].map((attempt) => retryDelayMs(POLICY, attempt, undefined, drawing(0.5)));

    expect(longest.map(Math.round)).toEqual([100, 200, 400, 800]);
    expect(half).toEqual([50, 100, 200, 400]);
    expect(retryDelayMs(POLICY, 3, undefined, drawing(0))).toBe(0);
  });

  it("When the exponential delay passes the cap, then the cap bounds it before the jitter is drawn", () => {
    // Attempt 6 would be 3.2 s: jitter is drawn over the capped 2 s, so half of it is 1 s, not 1.6 s.
    expect(retryDelayMs(POLICY, 6, undefined, drawing(0.5))).toBe(1_000);
    expect(retryDelayMs(POLICY, 40, undefined, drawing(HIGHEST))).toBeLessThanOrEqual(POLICY.maxDelayMs);
  });

  it("When the server's Retry-After asks for longer than the jitter drew, then Retry-After wins", () => {
    expect(retryDelayMs(POLICY, 1, 1, drawing(0.5))).toBe(1_000);
    expect(retryDelayMs(POLICY, 1, 0.25, drawing(0))).toBe(250);
  });

  it("When the jitter drew longer than Retry-After asks, then the longer wait stays", () => {
    expect(retryDelayMs(POLICY, 5, 1, drawing(0.9))).toBe(1_440);
    expect(retryDelayMs(POLICY, 2, 0, drawing(0.5))).toBe(100);
  });

  it("When Retry-After asks for longer than the cap, then the cap still bounds the wait", () => {
    expect(retryDelayMs(POLICY, 1, 60, drawing(0.5))).toBe(POLICY.maxDelayMs);
  });

  it("When no random source is given, then every delay stays within its attempt's range", () => {
    for (let i = 0; i < 200; i++) {
      const delay = retryDelayMs(POLICY, 2, undefined);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(200);
    }
  });
});

describe("retryAfterSeconds", () => {
  const NOW = Date.parse("2026-03-01T12:00:00Z");

  it("When it is delta-seconds, then it is that many seconds", () => {
    expect(retryAfterSeconds("120", NOW)).toBe(120);
    expect(retryAfterSeconds("0", NOW)).toBe(0);
  });

  it("When it is an HTTP-date, then it is the seconds from now until then, in the IMF-fixdate and obsolete RFC 850 forms", () => {
    expect(retryAfterSeconds("Sun, 01 Mar 2026 12:00:30 GMT", NOW)).toBe(30);
    expect(retryAfterSeconds("Sunday, 01-Mar-26 12:01:00 GMT", NOW)).toBe(60);
  });

  it("When the date has already passed, then it asks for no wait", () => {
    expect(retryAfterSeconds("Sun, 01 Mar 2026 11:59:00 GMT", NOW)).toBe(0);
  });

  it("When it is absent or neither form, then it asks for nothing", () => {
    expect(retryAfterSeconds(null, NOW)).toBeUndefined();
    expect(retryAfterSeconds("soon", NOW)).toBeUndefined();
    expect(retryAfterSeconds("", NOW)).toBeUndefined();
  });
});

describe("callParticipant waits as the server's Retry-After asks", () => {
  it("When a participant answers 503 with Retry-After: 1, then the next attempt comes a second later, not after the jitter", async () => {
    const sent: number[] = [];
    const exchange = async () => {
      sent.push(performance.now());
      const status = sent.length === 1 ? 503 : 200;
      return { status, headers: new Headers(status === 503 ? { "Retry-After": "1" } : { ETag: '"1"' }), body: {} };
    };

    const result = await callParticipant(exchange, { ...POLICY, baseDelayMs: 1 });

    expect(result).toMatchObject({ kind: "answered", status: 200 });
    expect(sent).toHaveLength(2);
    expect((sent[1] ?? 0) - (sent[0] ?? 0)).toBeGreaterThanOrEqual(990);
  });
});
