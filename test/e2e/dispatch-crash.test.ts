import { randomBytes, randomUUID } from "node:crypto";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { awaitOperation, deliveryClientV2 } from "@starter/delivery-client";
import { connectTestDatabase, http, metricValue, uniqueId } from "@starter/testing";
import { describe, expect, inject, it } from "vitest";
import { startDeliveryProcess } from "./delivery-process.ts";
import { v2Delivery } from "./service-processes.ts";

/** Bounded polling of an operation's status resource until it is running; returns the last status read. */
async function pollUntilRunning(baseUrl: string, operationId: string, timeoutMs: number) {
  const client = deliveryClientV2(baseUrl);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { data } = await client.GET("/v2/operations/{operationId}", { params: { path: { operationId } } });
    if (data?.status === "running" || Date.now() > deadline) return data?.status;
    await sleep(100);
  }
}

describe("a dispatch survives the crash of the process running it", () => {
  it("When the service is SIGKILLed while a dispatch runs and started again, then the operation finishes and its effect is applied once", async () => {
    // A database of its own, so the only workers are the two processes of this test.
    const env = {
      MONGODB_URI: inject("mongoUri"),
      MONGODB_DB: `${inject("mongoDbName")}_crash_${randomBytes(3).toString("hex")}`,
      DISPATCH_DURATION_MS: "1500",
      OPERATION_LEASE_MS: "1000",
      WORKER_POLL_INTERVAL_MS: "100",
    };
    const first = await startDeliveryProcess(env);
    const client = deliveryClientV2(first.url);
    const id = uniqueId("crash");
    const path = { id };
    await client.PUT("/v2/deliveries/{id}", { params: { path }, body: v2Delivery() });
    const accepted = await client.POST("/v2/deliveries/{id}/dispatch", {
      params: { path, header: { "Idempotency-Key": randomUUID() } },
    });
    expect(accepted.response.status).toBe(202);
    const location = accepted.response.headers.get("location") ?? "";
    expect(await pollUntilRunning(first.url, accepted.data?.id ?? "", 10_000)).toBe("running");

    first.child.kill("SIGKILL");
    await once(first.child, "exit");
    const second = await startDeliveryProcess(env);
    try {
      const finished = await awaitOperation(second.url, location, { timeoutMs: 15_000 });

      expect(finished).toEqual({ kind: "succeeded", resource: `/v2/deliveries/${id}` });
      const read = await deliveryClientV2(second.url).GET("/v2/deliveries/{id}", { params: { path } });
      expect(read.data).toMatchObject({ status: "dispatched", version: 2 });
      const metrics = String((await http(`${second.url}/metrics`)).body);
      expect(metricValue(metrics, "operation_claims_total", { kind: "dispatch", claim: "reclaim" })).toBe(1);
      await using database = await connectTestDatabase();
      const claims = await database.client.db(env.MONGODB_DB).collection("operation_claims").countDocuments();
      expect(claims).toBe(2);
      await database.client.db(env.MONGODB_DB).dropDatabase();
    } finally {
      second.child.kill("SIGTERM");
      await once(second.child, "exit");
    }
  }, 60_000);
});
