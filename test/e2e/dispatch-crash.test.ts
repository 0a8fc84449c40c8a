import { randomBytes, randomUUID } from "node:crypto";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { connectTestDatabase, http, uniqueId } from "@starter/testing";
import { describe, expect, inject, it } from "vitest";
import { startDeliveryProcess } from "./delivery-process.ts";
import { v2Delivery } from "./service-processes.ts";

/** Bounded polling of an operation's status until `done` says so; returns the last response. */
async function pollStatus(
  url: string,
  done: (status: number, body: { status?: string }) => boolean,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await http(url);
    if (done(response.status, response.body ?? {}) || Date.now() > deadline) return response;
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
    const id = uniqueId("crash");
    await http(`${first.url}/v2/deliveries/${id}`, {
      method: "PUT",
      json: v2Delivery(),
    });
    const accepted = await http(`${first.url}/v2/deliveries/${id}/dispatch`, {
      method: "POST",
      headers: { "Idempotency-Key": randomUUID() },
    });
    expect(accepted.status).toBe(202);
    const location = accepted.headers.get("location") ?? "";
    const running = await pollStatus(`${first.url}${location}`, (_, body) => body.status === "running", 10_000);
    expect(running.body.status).toBe("running");

    first.child.kill("SIGKILL");
    await once(first.child, "exit");
    const second = await startDeliveryProcess(env);
    try {
      const finished = await pollStatus(`${second.url}${location}`, (status) => status !== 200, 15_000);

      expect(finished.status).toBe(303);
      expect((await http(`${second.url}/v2/deliveries/${id}`)).body).toMatchObject({
        status: "dispatched",
        version: 2,
      });
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
