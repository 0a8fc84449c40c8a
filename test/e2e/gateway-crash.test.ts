import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { JOURNAL_COLLECTION, JOURNAL_STEPS_COLLECTION } from "@starter/coordination/mongo";
import { connectTestDatabase, http, startTcpProxy, uniqueId } from "@starter/testing";
import { afterAll, describe, expect, inject, it } from "vitest";
import { startServiceProcess } from "./delivery-process.ts";

const children: ChildProcess[] = [];
afterAll(async () => {
  for (const child of children.filter((c) => c.exitCode === null && c.signalCode === null)) {
    child.kill("SIGTERM");
    await once(child, "exit");
  }
});

/** Polls until `check` returns a value; bounded. */
async function until<T>(check: () => Promise<T | undefined>, timeoutMs: number): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined) return value;
    await sleep(50);
  }
  return undefined;
}

describe("a coordination whose gateway dies part-way", () => {
  it("When the gateway is SIGKILLed between the two writes and restarted, then within 10 s the coordination is finished: consistent, or recorded as drift", async () => {
    const database = (name: string) => `${inject("mongoDbName")}_${name}_${randomBytes(3).toString("hex")}`;
    const base = { MONGODB_URI: inject("mongoUri") };
    const legacy = await startServiceProcess("delivery-legacy", { ...base, MONGODB_DB: database("legacy") });
    const delivery = await startServiceProcess("delivery", { ...base, MONGODB_DB: database("delivery") });
    children.push(legacy.child, delivery.child);
    // The new service behind a proxy that can make its requests slow: the crash lands between the writes.
    await using proxy = await startTcpProxy(delivery.url);
    const gatewayEnv = {
      ...base,
      MONGODB_DB: database("gateway"),
      LEGACY_URL: legacy.url,
      DELIVERY_URL: proxy.uri,
      // Settle past the longest a write can take (3 attempts x 900 ms), so the write the crash left on
      // the wire has landed or failed before recovery judges the coordination.
      RECOVERY_SETTLE_MS: "3000",
      RECOVERY_INTERVAL_MS: "300",
      PARTICIPANT_TIMEOUT_MS: "900",
    };
    const first = await startServiceProcess("gateway", gatewayEnv);
    children.push(first.child);
    await using store = await connectTestDatabase();
    const journal = store.client.db(gatewayEnv.MONGODB_DB);
    const entries = journal.collection<{ _id: string; resourceId: string; status: string }>(JOURNAL_COLLECTION);
    const steps = journal.collection<{ coordinationId: string; participant: string; action: string }>(
      JOURNAL_STEPS_COLLECTION,
    );
    const drifts = journal.collection<{ _id: string }>("coordination_drifts");

    const id = uniqueId("crash");
    proxy.delayRequests(600);
    const put = http(`${first.url}/v2/deliveries/${id}`, {
      method: "PUT",
      json: {
        ownerId: "u-1",
        pickup: { latitude: 1, longitude: 2 },
        dropoff: { latitude: 3, longitude: 4 },
        deadline: "2026-12-01T10:00:00Z",
        packages: [{ id: "p-1", size: "small", weightKg: 1 }],
      },
    }).catch(() => undefined);
    const entry = await until(() => entries.findOne({ resourceId: id }).then((e) => e ?? undefined), 15_000);
    const coordinationId = entry?._id ?? "";
    expect(coordinationId).not.toBe("");
    const legacyWritten = await until(
      () => steps.findOne({ coordinationId, participant: "legacy", action: "write" }).then((s) => s ?? undefined),
      10_000,
    );
    expect(legacyWritten).toBeDefined();
    first.child.kill("SIGKILL");
    await once(first.child, "exit");
    await put;
    proxy.delayRequests(0);

    const restartedAt = Date.now();
    const second = await startServiceProcess("gateway", gatewayEnv);
    children.push(second.child);
    const finished = await until(
      () => entries.findOne({ _id: coordinationId, status: { $ne: "in_progress" } }).then((e) => e ?? undefined),
      10_000,
    );
    const recoveredWithinMs = Date.now() - restartedAt;

    expect(finished?.status).toMatch(/^(committed|reverted|drift)$/);
    expect(recoveredWithinMs).toBeLessThan(10_000);
    const legacyNow = (await http(`${legacy.url}/v1/deliveries/${id}`)).status;
    const deliveryNow = (await http(`${delivery.url}/v2/deliveries/${id}`)).status;
    if (finished?.status === "drift") {
      expect(await drifts.countDocuments({ _id: coordinationId })).toBe(1);
    } else {
      expect(legacyNow).toBe(deliveryNow);
    }
  }, 60_000);
});
