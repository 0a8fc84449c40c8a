/** When the guard steps a rollout's new arm down, and for how long. */
export type ArmGuardSettings = Readonly<{
  /** The sliding window its failure ratio is measured over. */
  windowMs: number;
  /** Calls the window must hold before a ratio means anything. */
  minCalls: number;
  /** Above this share of failed calls in the window, the new arm is stepped down. */
  maxFailureRatio: number;
  /** How long it stays stepped down before one call tries it again (half-open). */
  coolDownMs: number;
}>;

export type ArmGuardState = "closed" | "open" | "half-open";

/** What a recorded outcome changed: the guard opened (stepped down) or closed (recovered). */
export type ArmGuardChange = "stepped-down" | "recovered" | undefined;

export type ArmGuard = Readonly<{
  /** Whether the new arm may take this call now; in half-open, only one trial call at a time. */
  allows: () => boolean;
  /** The outcome of a call the new arm took. */
  record: (succeeded: boolean) => ArmGuardChange;
  /** A call it allowed ended without an outcome (its caller gave up): in half-open, the next one tries. */
  abandon: () => void;
  state: () => ArmGuardState;
  /** The window's failure ratio now, for logs and tests. */
  failureRatio: () => number;
}>;

const BUCKETS = 10;

/**
 * A circuit breaker for the new arm of a rollout: outcomes are counted in a sliding window of ten buckets
 * (memory stays constant whatever the rate); when the failure ratio over at least `minCalls` passes the
 * threshold, the guard opens and the arm gets no calls; after `coolDownMs` one call tries it (half-open): a
 * success closes the guard with a fresh window, a failure opens it again.
 */
export function armGuard(settings: ArmGuardSettings, now: () => number = Date.now): ArmGuard {
  const bucketMs = Math.max(1, Math.ceil(settings.windowMs / BUCKETS));
  let buckets: { start: number; calls: number; failures: number }[] = [];
  let state: ArmGuardState = "closed";
  let openedAt = 0;
  let trialInFlight = false;

  const current = () => {
    const at = now();
    buckets = buckets.filter((bucket) => at - bucket.start < settings.windowMs);
    const start = at - (at % bucketMs);
    let bucket = buckets.at(-1);
    if (bucket?.start !== start) {
      bucket = { start, calls: 0, failures: 0 };
      buckets.push(bucket);
    }
    return bucket;
  };
  const totals = () => {
    current();
    return buckets.reduce((sum, b) => ({ calls: sum.calls + b.calls, failures: sum.failures + b.failures }), {
      calls: 0,
      failures: 0,
    });
  };
  const open = (): ArmGuardChange => {
    state = "open";
    openedAt = now();
    trialInFlight = false;
    return "stepped-down";
  };

  return {
    allows: () => {
      if (state === "closed") return true;
      if (state === "open" && now() - openedAt < settings.coolDownMs) return false;
      if (trialInFlight) return false;
      state = "half-open";
      trialInFlight = true;
      return true;
    },
    record: (succeeded) => {
      if (state === "half-open") {
        if (!succeeded) return open();
        state = "closed";
        trialInFlight = false;
        buckets = [];
        return "recovered";
      }
      if (state === "open") return undefined;
      const bucket = current();
      bucket.calls += 1;
      if (!succeeded) bucket.failures += 1;
      const { calls, failures } = totals();
      return calls >= settings.minCalls && failures / calls > settings.maxFailureRatio ? open() : undefined;
    },
    abandon: () => {
      trialInFlight = false;
    },
    state: () => state,
    failureRatio: () => {
      const { calls, failures } = totals();
      return calls === 0 ? 0 : failures / calls;
    },
  };
}
