import { describe, expect, it } from "vitest";
import { armGuard } from "./arm-guard.ts";

const SETTINGS = { windowMs: 10_000, minCalls: 4, maxFailureRatio: 0.5, coolDownMs: 5_000 };

function clock() {
  let now = 0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("the guard of a rollout's new arm", () => {
  it("When fewer calls than the minimum failed, then it stays closed whatever the ratio", () => {
    const guard = armGuard(SETTINGS, clock().now);
    for (let call = 0; call < SETTINGS.minCalls - 1; call += 1) expect(guard.record(false)).toBeUndefined();

    expect(guard.state()).toBe("closed");
    expect(guard.allows()).toBe(true);
  });

  it("When the ratio is at the threshold, then it stays closed; past it, it steps down", () => {
    const guard = armGuard(SETTINGS, clock().now);
    guard.record(true);
    guard.record(true);
    guard.record(false);
    expect(guard.record(false)).toBeUndefined();

    expect(guard.record(false)).toBe("stepped-down");
    expect(guard.allows()).toBe(false);
  });

  it("When failures are older than the window, then they no longer count", () => {
    const time = clock();
    const guard = armGuard(SETTINGS, time.now);
    for (let call = 0; call < 3; call += 1) guard.record(false);
    time.advance(SETTINGS.windowMs + 1_000);

    expect(guard.record(false)).toBeUndefined();
    expect(guard.failureRatio()).toBe(1);
    expect(guard.state()).toBe("closed");
  });

  it("When the cool-down has passed, then exactly one trial call is let through; its success closes the guard", () => {
    const time = clock();
    const guard = armGuard(SETTINGS, time.now);
    for (let call = 0; call < SETTINGS.minCalls; call += 1) guard.record(false);
    time.advance(SETTINGS.coolDownMs - 1);
    expect(guard.allows()).toBe(false);

    time.advance(1);
    expect(guard.allows()).toBe(true);
    expect(guard.allows()).toBe(false);
    expect(guard.record(true)).toBe("recovered");
    expect(guard.failureRatio()).toBe(0);
    expect(guard.allows()).toBe(true);
  });

  it("When a trial call is abandoned, then the next call tries instead of the guard staying shut", () => {
    const time = clock();
    const guard = armGuard(SETTINGS, time.now);
    for (let call = 0; call < SETTINGS.minCalls; call += 1) guard.record(false);
    time.advance(SETTINGS.coolDownMs);
    expect(guard.allows()).toBe(true);

    guard.abandon();

    expect(guard.allows()).toBe(true);
  });
});
