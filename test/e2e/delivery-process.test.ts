import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { request } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { deliveryClientV2 } from "@starter/delivery-client";
import { http, uniqueId } from "@starter/testing";
import { describe, expect, inject, it } from "vitest";
import { DELIVERY_MAIN, startDeliveryProcess, stopProcess } from "./delivery-process.ts";
import { v2Delivery } from "./service-processes.ts";

describe("the delivery service as a process", () => {
  it("When it is started against the database, then it becomes ready, serves a PUT, and stops cleanly on SIGTERM", async () => {
    const { child, url } = await startDeliveryProcess({
      MONGODB_URI: inject("mongoUri"),
      MONGODB_DB: inject("mongoDbName"),
    });
    try {
      expect((await http(`${url}/readyz`)).status).toBe(200);
      const id = uniqueId("proc");
      const put = await deliveryClientV2(url).PUT("/v2/deliveries/{id}", {
        params: { path: { id } },
        body: v2Delivery(),
      });
      expect(put.response.status).toBe(201);
    } finally {
      child.kill("SIGTERM");
    }
    const [code] = await once(child, "exit");
    expect(code).toBe(0);
  });

  it("When a client writes more than RATE_LIMIT_WRITES in the window, then 429 with Retry-After; the process made the limiter's indexes at start", async () => {
    const { child, url } = await startDeliveryProcess({
      MONGODB_URI: inject("mongoUri"),
      MONGODB_DB: `${inject("mongoDbName")}_rate_${randomBytes(3).toString("hex")}`,
      RATE_LIMIT_WRITES: "2",
      RATE_LIMIT_WINDOW_SECONDS: "60",
    });
    try {
      const put = async () => {
        const id = uniqueId("limited");
        return deliveryClientV2(url).PUT("/v2/deliveries/{id}", { params: { path: { id } }, body: v2Delivery() });
      };
      const answers = [await put(), await put(), await put()];
      expect(answers.map(({ response }) => response.status)).toEqual([201, 201, 429]);
      expect(answers[0]?.response.headers.get("ratelimit-policy")).toBe('"writes";q=2;w=60');
      expect(Number(answers[2]?.response.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await http(`${url}/readyz`)).status).toBe(200);
    } finally {
      await stopProcess(child);
    }
  });

  it("When SIGTERM arrives while a request is in flight, then that request still completes and the process exits 0", async () => {
    const { child, url } = await startDeliveryProcess({
      MONGODB_URI: inject("mongoUri"),
      MONGODB_DB: inject("mongoDbName"),
    });
    const body = JSON.stringify(v2Delivery());
    // The body is sent in two halves around the signal, so the request is provably in flight when it comes.
    const put = request(`${url}/v2/deliveries/${uniqueId("inflight")}`, {
      method: "PUT",
      headers: { "content-type": "application/json", "transfer-encoding": "chunked" },
    });
    const response = once(put, "response");
    put.write(body.slice(0, 40));
    await sleep(200);
    child.kill("SIGTERM");
    await sleep(200);
    put.end(body.slice(40));

    const [incoming] = (await response) as [import("node:http").IncomingMessage];
    expect(incoming.statusCode).toBe(201);
    incoming.resume();
    const [code] = await once(child, "exit");
    expect(code).toBe(0);
  });

  it("When a variable is invalid, then it refuses to start and names the variable", async () => {
    const child = spawn(process.execPath, [DELIVERY_MAIN], {
      env: { PATH: process.env.PATH ?? "", PORT: "not-a-port", MONGODB_URI: "http://wrong" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const [code] = await once(child, "exit");
    expect(code).toBe(1);
    expect(stderr).toContain("PORT");
    expect(stderr).toContain("MONGODB_URI");
  });
});
