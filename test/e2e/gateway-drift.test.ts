import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { DRIFTS_COLLECTION, JOURNAL_STEPS_COLLECTION } from "@starter/coordination/mongo";
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

describe("a coordination whose revert fails", () => {
  it("When the new service refuses and the legacy service cannot be reverted, then the client gets 502 naming the coordination, and the drift is recorded", async () => {
    const database = (name: string) => `${inject("mongoDbName")}_${name}_${randomBytes(3).toString("hex")}`;
    const base = { MONGODB_URI: inject("mongoUri") };
    const legacy = await startServiceProcess("delivery-legacy", { ...base, MONGODB_DB: database("legacy") });
    const delivery = await startServiceProcess("delivery", { ...base, MONGODB_DB: database("delivery") });
    children.push(legacy.child, delivery.child);
    // The legacy service behind a proxy the test cuts after its write; the new one behind a slow proxy,
    // so its refusal arrives after the cut and the gateway's revert of the legacy side cannot get through.
    await using legacyProxy = await startTcpProxy(legacy.url);
    await using slowProxy = await startTcpProxy(delivery.url);
    const gatewayEnv = {
      ...base,
      MONGODB_DB: database("gateway"),
      LEGACY_URL: legacyProxy.uri,
      DELIVERY_URL: slowProxy.uri,
      PARTICIPANT_TIMEOUT_MS: "2000",
    };
    const gateway = await startServiceProcess("gateway", gatewayEnv);
    children.push(gateway.child);
    await using store = await connectTestDatabase();
    const gatewayDb = store.client.db(gatewayEnv.MONGODB_DB);

    const id = uniqueId("drift");
    slowProxy.delayRequests(500);
    const put = http(`${gateway.url}/v2/deliveries/${id}`, {
      method: "PUT",
      // Weights exist only in version 2: the legacy side accepts, the new side refuses (422).
      json: {
        ownerId: "u-1",
        pickup: { latitude: 1, longitude: 2 },
        dropoff: { latitude: 3, longitude: 4 },
        deadline: "2026-12-01T10:00:00Z",
        packages: [{ id: "p-1", size: "small", weightKg: 0 }],
      },
    });
    let legacyWritten = false;
    for (let i = 0; i < 200 && !legacyWritten; i++) {
      const step = await gatewayDb
        .collection(JOURNAL_STEPS_COLLECTION)
        .findOne({ participant: "legacy", action: "write" });
      legacyWritten = step !== null;
      if (!legacyWritten) await sleep(20);
    }
    expect(legacyWritten).toBe(true);
    await legacyProxy.cut();

    const answer = await put;
    expect(answer.status).toBe(502);
    expect(answer.body.type).toBe("urn:problem-type:coordination.drift");
    const coordinationId = answer.headers.get("x-coordination-id") ?? "";
    expect(coordinationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.body.detail).toContain(coordinationId);
    const drift = await gatewayDb
      .collection<{ _id: string; participants: unknown[] }>(DRIFTS_COLLECTION)
      .findOne({ _id: coordinationId });
    expect(drift?.participants).toHaveLength(2);
    // The legacy side kept the write the gateway could not take back: exactly what the drift says.
    expect((await http(`${legacy.url}/v1/deliveries/${id}`)).status).toBe(200);
    expect((await http(`${delivery.url}/v2/deliveries/${id}`)).status).toBe(404);
  }, 60_000);
});
