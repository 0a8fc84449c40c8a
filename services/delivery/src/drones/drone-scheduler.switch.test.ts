import { createLogger } from "@starter/service-kit/logging";
import { createMetricsRegistry } from "@starter/service-kit/metrics";
import { logLinesInto, metricValue } from "@starter/testing";
import { describe, expect, it } from "vitest";
import { switchedDroneScheduler } from "./drone-scheduler.switch.ts";
import type { DroneScheduler, DroneSchedulerName } from "./drone-scheduler.ts";

const GUARD = { windowMs: 10_000, minCalls: 4, maxFailureRatio: 0.5, coolDownMs: 5_000 };

function harness(options: { choose: (deliveryId: string) => Promise<DroneSchedulerName> }) {
  const booked: string[] = [];
  let nextIsDown = false;
  let now = 1_000_000;
  const recording = (name: DroneSchedulerName): DroneScheduler => ({
    book: async (deliveryId) => {
      if (name === "next" && nextIsDown) throw new Error("the next scheduler is down");
      booked.push(`${name}:${deliveryId}`);
    },
  });
  const lines: Record<string, unknown>[] = [];
  const metrics = createMetricsRegistry({ runtime: false });
  const scheduler = switchedDroneScheduler({
    implementations: { current: recording("current"), next: recording("next") },
    choose: options.choose,
    guard: GUARD,
    metrics,
    log: createLogger({ name: "switch-test", level: "info", format: "json", destination: logLinesInto(lines) }),
    now: () => now,
  });
  return {
    booked,
    lines,
    metrics,
    book: (id: string) => scheduler.book(id, new AbortController().signal),
    setNextDown: (down: boolean) => {
      nextIsDown = down;
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const alwaysNext = async (): Promise<DroneSchedulerName> => "next";

describe("switchedDroneScheduler", () => {
  it("When a delivery is booked, then the implementation chosen for its id books it, and the log line names the flag and the arm", async () => {
    const drones = harness({ choose: async (deliveryId) => (deliveryId.endsWith("7") ? "next" : "current") });

    await drones.book("d-7");
    await drones.book("d-8");

    expect(drones.booked).toEqual(["next:d-7", "current:d-8"]);
    expect(drones.lines.map((line) => [line.key, line["feature_flag.key"], line["rollout.arm"]])).toEqual([
      ["d-7", "drone-scheduler", "next"],
      ["d-8", "drone-scheduler", "current"],
    ]);
    const calls = await drones.metrics.metrics();
    expect(metricValue(calls, "rollout_arm_calls_total", { arm: "next", outcome: "succeeded" })).toBe(1);
    expect(metricValue(calls, "rollout_arm_calls_total", { arm: "current", outcome: "succeeded" })).toBe(1);
  });

  it("When the next scheduler fails past the threshold within the window, then its share goes to current, and after the cool-down a trial brings it back", async () => {
    const drones = harness({ choose: alwaysNext });
    drones.setNextDown(true);

    for (let call = 0; call < GUARD.minCalls; call += 1) {
      await expect(drones.book(`d-fail-${call}`)).rejects.toThrow(/next scheduler is down/);
      drones.advance(100);
    }
    // Stepped down: the flag still says next, the stable scheduler books, and no booking fails for it.
    await drones.book("d-guarded-1");
    drones.advance(GUARD.coolDownMs - 1_000);
    await drones.book("d-guarded-2");
    expect(drones.booked).toEqual(["current:d-guarded-1", "current:d-guarded-2"]);

    drones.setNextDown(false);
    drones.advance(1_000);
    await drones.book("d-trial");
    await drones.book("d-after");

    expect(drones.booked.slice(2)).toEqual(["next:d-trial", "next:d-after"]);
    const text = await drones.metrics.metrics();
    expect(metricValue(text, "rollout_step_downs_total", { port: "drone-scheduler", arm: "next" })).toBe(1);
    expect(metricValue(text, "rollout_arm_calls_total", { arm: "current", guarded: "true" })).toBe(2);
    expect(metricValue(text, "rollout_arm_calls_total", { arm: "next", outcome: "failed" })).toBe(GUARD.minCalls);
    expect(drones.lines.some((line) => String(line.msg).includes("next stepped down"))).toBe(true);
    expect(drones.lines.some((line) => String(line.msg).includes("next recovered"))).toBe(true);
  });

  it("When the trial after the cool-down fails, then next stays stepped down for another cool-down", async () => {
    const drones = harness({ choose: alwaysNext });
    drones.setNextDown(true);
    for (let call = 0; call < GUARD.minCalls; call += 1) await drones.book(`d-${call}`).catch(() => {});

    drones.advance(GUARD.coolDownMs);
    await expect(drones.book("d-trial")).rejects.toThrow(/next scheduler is down/);
    await drones.book("d-guarded");

    expect(drones.booked).toEqual(["current:d-guarded"]);
    const text = await drones.metrics.metrics();
    expect(metricValue(text, "rollout_step_downs_total", { arm: "next" })).toBe(2);
  });
});
