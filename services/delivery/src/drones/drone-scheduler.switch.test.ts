import { createLogger } from "@starter/service-kit/logging";
import { logLinesInto } from "@starter/testing";
import { describe, expect, it } from "vitest";
import { switchedDroneScheduler } from "./drone-scheduler.switch.ts";
import type { DroneScheduler, DroneSchedulerName } from "./drone-scheduler.ts";

describe("switchedDroneScheduler", () => {
  it("When a delivery is booked, then the implementation chosen for its id books it, and the log line names it", async () => {
    const booked: string[] = [];
    const recording = (name: DroneSchedulerName): DroneScheduler => ({
      book: async (deliveryId) => {
        booked.push(`${name}:${deliveryId}`);
      },
    });
    const lines: Record<string, unknown>[] = [];
    const log = createLogger({
      name: "switch-test",
      level: "info",
      format: "json",
      destination: logLinesInto(lines),
    });
    const scheduler = switchedDroneScheduler({
      implementations: { current: recording("current"), next: recording("next") },
      choose: async (deliveryId) => (deliveryId.endsWith("7") ? "next" : "current"),
      log,
    });

    await scheduler.book("d-7", new AbortController().signal);
    await scheduler.book("d-8", new AbortController().signal);

    expect(booked).toEqual(["next:d-7", "current:d-8"]);
    expect(lines.map((line) => [line.deliveryId, line.droneScheduler])).toEqual([
      ["d-7", "next"],
      ["d-8", "current"],
    ]);
  });
});
