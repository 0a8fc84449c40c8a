import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startFeatureFlags } from "@starter/service-kit/flags";
import { createLogger } from "@starter/service-kit/logging";
import { afterAll, describe, expect, it } from "vitest";
import { flagDefinition } from "../../test/drone-scheduler-flags.ts";
import { DRONE_SCHEDULER_FLAG, droneSchedulerByFlag } from "./drone-scheduler.flag.ts";
import type { DroneSchedulerName } from "./drone-scheduler.ts";

const logger = createLogger({ name: "flag-test", level: "silent", format: "json" });
const dir = mkdtempSync(join(tmpdir(), "drone-flag-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const IDS = Array.from({ length: 2_000 }, (_, index) => `delivery-${index}`);

/** Which scheduler each id gets at `percent`, through the real OpenFeature client and flagd provider. */
async function sidesAt(percent: number): Promise<Map<string, DroneSchedulerName>> {
  const file = join(dir, `${randomUUID()}.json`);
  writeFileSync(file, flagDefinition(percent));
  const flags = await startFeatureFlags({ file, domain: randomUUID(), logger, metrics: false });
  try {
    const choose = droneSchedulerByFlag(flags.client);
    const first = new Map<string, DroneSchedulerName>();
    for (const id of IDS) first.set(id, await choose(id));
    // While the percentage holds, every id stays on its side.
    for (const id of IDS) expect([id, await choose(id)]).toEqual([id, first.get(id)]);
    return first;
  } finally {
    await flags.stop();
  }
}

const onNext = (sides: Map<string, DroneSchedulerName>) => IDS.filter((id) => sides.get(id) === "next");

describe("the drone-scheduler flag, over 2,000 delivery ids", () => {
  it("When the percentage is 0, 25, 50 and 100, then the next scheduler's share is within 2 points of it, and raising it only moves ids from current to next", async () => {
    let previous: string[] = [];
    for (const percent of [0, 25, 50, 100]) {
      const next = onNext(await sidesAt(percent));
      expect([percent, Math.abs((next.length / IDS.length) * 100 - percent) <= 2]).toEqual([percent, true]);
      // Every id that was on next is still there: a raise never sends one back.
      expect(previous.filter((id) => !next.includes(id))).toEqual([]);
      previous = next;
    }
  });

  it("When the flag is missing or answers something unknown, then the current scheduler serves", async () => {
    const unconfigured = await startFeatureFlags({ domain: randomUUID(), logger, metrics: false });
    expect(await droneSchedulerByFlag(unconfigured.client)("delivery-1")).toBe("current");
    const file = join(dir, `${randomUUID()}.json`);
    writeFileSync(
      file,
      JSON.stringify({
        flags: { [DRONE_SCHEDULER_FLAG]: { state: "ENABLED", variants: { odd: "sideways" }, defaultVariant: "odd" } },
      }),
    );
    const odd = await startFeatureFlags({ file, domain: randomUUID(), logger, metrics: false });
    expect(await droneSchedulerByFlag(odd.client)("delivery-1")).toBe("current");
    await odd.stop();
  });

  it("When the service runs with the flag definitions it ships (docker/k8s), then they load and every delivery is on the current scheduler", async () => {
    const shipped = join(import.meta.dirname, "../../../../docker/k8s/base/delivery/flags/flags.json");
    const flags = await startFeatureFlags({ file: shipped, domain: randomUUID(), logger, metrics: false });
    try {
      const choose = droneSchedulerByFlag(flags.client);
      const sides = new Set(await Promise.all(IDS.slice(0, 200).map((id) => choose(id))));
      expect([...sides]).toEqual(["current"]);
    } finally {
      await flags.stop();
    }
  });
});
