import { DRIFTS_COLLECTION } from "@starter/coordination/mongo";
import { deliveryClientV1, deliveryClientV2 } from "@starter/delivery-client";
import { connectTestDatabase, http, metricValue, startTcpProxy, uniqueId } from "@starter/testing";
import { describe, expect, it } from "vitest";
import { until, useServiceProcesses, v2Delivery } from "./service-processes.ts";

const processes = useServiceProcesses();

describe("a coordination whose revert fails", () => {
  it("When the new service refuses and the legacy service cannot be reverted, then the client gets 502 naming the coordination, and the drift is recorded", async () => {
    const { legacy, delivery } = await processes.startDeliveryServices();
    // The legacy service behind a proxy the test cuts after its write; the new one behind a slow proxy,
    // so its refusal arrives after the cut and the gateway's revert of the legacy side cannot get through.
    // The refusal must still come within an attempt's timeout: a write with no answer is left to recovery
    // (a 504), not reverted, so a loaded machine must not turn the delayed 422 into no answer.
    await using legacyProxy = await startTcpProxy(legacy.url);
    await using slowProxy = await startTcpProxy(delivery.url);
    const gatewayEnv = processes.gatewayEnv(legacyProxy.uri, slowProxy.uri, { PARTICIPANT_TIMEOUT_MS: "5000" });
    const gateway = await processes.start("gateway", gatewayEnv);
    await using store = await connectTestDatabase();
    const gatewayDb = store.client.db(gatewayEnv.MONGODB_DB);

    const id = uniqueId("drift");
    slowProxy.delayRequests(500);
    const item = { params: { path: { id } } };
    const put = deliveryClientV2(gateway.url).PUT("/v2/deliveries/{id}", {
      ...item,
      // Weights exist only in version 2: the legacy side accepts, the new side refuses (422).
      body: v2Delivery({ packages: [{ id: "p-1", size: "small", weightKg: 0 }] }),
    });
    // The legacy side holds the write (a write that went as planned is not journaled: ask the side).
    const legacyWritten = await until(async () => {
      const read = await deliveryClientV1(legacy.url).GET("/v1/deliveries/{id}", item);
      return read.response.status === 200 ? read.data : undefined;
    }, 5_000);
    expect(legacyWritten).toBeDefined();
    await legacyProxy.cut();

    const answer = await put;
    expect(answer.response.status).toBe(502);
    expect(answer.error?.type).toBe("urn:problem-type:coordination.drift");
    const coordinationId = answer.response.headers.get("x-coordination-id") ?? "";
    expect(coordinationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.error?.detail).toContain(coordinationId);
    const drift = await gatewayDb
      .collection<{ _id: string; participants: unknown[] }>(DRIFTS_COLLECTION)
      .findOne({ _id: coordinationId });
    expect(drift?.participants).toHaveLength(2);
    // The legacy side kept the write the gateway could not take back: exactly what the drift says.
    expect((await deliveryClientV1(legacy.url).GET("/v1/deliveries/{id}", item)).response.status).toBe(200);
    expect((await deliveryClientV2(delivery.url).GET("/v2/deliveries/{id}", item)).response.status).toBe(404);
    // The gateway's metrics say so too: a coordination ended in drift, and one drift is open (its own database).
    const metrics = String((await http(`${gateway.url}/metrics`)).body);
    expect(metricValue(metrics, "coordination_duration_seconds_count", { outcome: "drift" })).toBe(1);
    expect(metricValue(metrics, "coordination_drifts_open")).toBe(1);
  }, 60_000);
});
