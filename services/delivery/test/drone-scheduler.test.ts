import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { http, metricValue, uniqueId } from "@starter/testing";
import { afterAll, describe, expect, it } from "vitest";
import { useDeliveryApp } from "./delivery-app.ts";
import { deliveryInput, deliveryUrl } from "./delivery-fixtures.ts";
import { flagDefinition } from "./drone-scheduler-flags.ts";

const dir = mkdtempSync(join(tmpdir(), "delivery-flags-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const flagsFile = join(dir, "flags.json");
writeFileSync(flagsFile, flagDefinition(100));
const logLines: Record<string, unknown>[] = [];
// A database of its own: its worker alone claims the dispatches this test starts, so they log here.
const app = useDeliveryApp({ dispatchDurationMs: 100, ownDatabase: true, flagsFile, logLines });

describe("dispatch through the drone-scheduler flag (FEATURE_FLAGS_FILE)", () => {
  it("When the flag sends every delivery to the next scheduler, then a dispatch is booked there, says so in its log line and metrics, and succeeds", async () => {
    const id = uniqueId("d");
    expect((await http(deliveryUrl(app.url, id), { method: "PUT", json: deliveryInput() })).status).toBe(201);
    const accepted = await http(`${deliveryUrl(app.url, id)}/dispatch`, {
      method: "POST",
      headers: { "Idempotency-Key": randomUUID() },
    });
    expect(accepted.status).toBe(202);

    for (let attempt = 0; attempt < 100; attempt++) {
      if ((await http(deliveryUrl(app.url, id))).body.status === "dispatched") break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await http(deliveryUrl(app.url, id))).body.status).toBe("dispatched");
    expect(logLines.filter((line) => line.key === id).map((line) => line["rollout.arm"])).toEqual(["next"]);
    const metrics = String((await http(`${app.url}/metrics`)).body);
    const evaluated = { flag: "drone-scheduler", variant: "next" };
    expect(metricValue(metrics, "feature_flag_evaluations_total", evaluated)).toBeGreaterThanOrEqual(1);
    const booked = { port: "drone-scheduler", arm: "next", outcome: "succeeded", guarded: "false" };
    expect(metricValue(metrics, "rollout_arm_calls_total", booked)).toBeGreaterThanOrEqual(1);
  });
});
