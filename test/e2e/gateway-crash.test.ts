import { once } from "node:events";
import { JOURNAL_COLLECTION } from "@starter/coordination/mongo";
import { deliveryClientV1, deliveryClientV2 } from "@starter/delivery-client";
import { connectTestDatabase, startTcpProxy, uniqueId } from "@starter/testing";
import { describe, expect, it } from "vitest";
import { until, useServiceProcesses, v2Delivery } from "./service-processes.ts";

const processes = useServiceProcesses();

describe("a coordination whose gateway dies part-way", () => {
  it("When the gateway is SIGKILLed between the two writes and restarted, then within 10 s the coordination is finished: consistent, or recorded as drift", async () => {
    const { legacy, delivery } = await processes.startDeliveryServices();
    // The new service behind a proxy that can make its requests slow: the crash lands between the writes.
    await using proxy = await startTcpProxy(delivery.url);
    const gatewayEnv = processes.gatewayEnv(legacy.url, proxy.uri, {
      // Settle past the longest a write can take (3 attempts x 900 ms), so the write the crash left on
      // the wire has landed or failed before recovery judges the coordination.
      RECOVERY_SETTLE_MS: "3000",
      RECOVERY_INTERVAL_MS: "300",
      PARTICIPANT_TIMEOUT_MS: "900",
    });
    const first = await processes.start("gateway", gatewayEnv);
    await using store = await connectTestDatabase();
    const journal = store.client.db(gatewayEnv.MONGODB_DB);
    const entries = journal.collection<{ _id: string; resourceId: string; status: string }>(JOURNAL_COLLECTION);
    const drifts = journal.collection<{ _id: string }>("coordination_drifts");

    const id = uniqueId("crash");
    proxy.delayRequests(600);
    const item = { params: { path: { id } } };
    const put = deliveryClientV2(first.url)
      .PUT("/v2/deliveries/{id}", { ...item, body: v2Delivery() })
      .catch(() => undefined);
    const entry = await until(() => entries.findOne({ resourceId: id }).then((e) => e ?? undefined), 15_000);
    const coordinationId = entry?._id ?? "";
    expect(coordinationId).not.toBe("");
    // The legacy side holds the write (a write that went as planned is not journaled: ask the side).
    const legacyWritten = await until(async () => {
      const read = await deliveryClientV1(legacy.url).GET("/v1/deliveries/{id}", item);
      return read.response.status === 200 ? read.data : undefined;
    }, 10_000);
    expect(legacyWritten).toBeDefined();
    first.child.kill("SIGKILL");
    await once(first.child, "exit");
    await put;
    proxy.delayRequests(0);

    const restartedAt = Date.now();
    await processes.start("gateway", gatewayEnv);
    const finished = await until(
      () => entries.findOne({ _id: coordinationId, status: { $ne: "in_progress" } }).then((e) => e ?? undefined),
      10_000,
    );
    const recoveredWithinMs = Date.now() - restartedAt;

    expect(finished?.status).toMatch(/^(committed|reverted|drift)$/);
    expect(recoveredWithinMs).toBeLessThan(10_000);
    const legacyNow = (await deliveryClientV1(legacy.url).GET("/v1/deliveries/{id}", item)).response.status;
    const deliveryNow = (await deliveryClientV2(delivery.url).GET("/v2/deliveries/{id}", item)).response.status;
    if (finished?.status === "drift") {
      expect(await drifts.countDocuments({ _id: coordinationId })).toBe(1);
    } else {
      expect(legacyNow).toBe(deliveryNow);
    }
  }, 60_000);
});
