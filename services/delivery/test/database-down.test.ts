import { http, startTcpProxy, uniqueId } from "@starter/testing";
import { describe, expect, inject, it } from "vitest";
import { startDeliveryApp } from "./delivery-app.ts";
import { deliveryInput, deliveryUrl } from "./delivery-fixtures.ts";

/** Polls until `check` holds; bounded, so a service that never recovers fails the test instead of hanging it. */
async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

describe("when the database goes away", () => {
  it("When the database is cut off, then requests get 503 + Retry-After within seconds; when it is back, the service recovers by itself", async () => {
    await using proxy = await startTcpProxy(inject("mongoUri"));
    await using app = await startDeliveryApp({ mongoUri: proxy.uri });
    const id = uniqueId("d");
    expect((await http(deliveryUrl(app.url, id), { method: "PUT", json: deliveryInput() })).status).toBe(201);

    await proxy.cut();
    const started = Date.now();
    const down = await http(deliveryUrl(app.url, id));
    const elapsedMs = Date.now() - started;
    expect(down.status).toBe(503);
    expect(down.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(down.headers.get("content-type")).toContain("application/problem+json");
    expect(JSON.stringify(down.body)).not.toMatch(/Mongo|ECONNREFUSED|stack/i);
    expect(elapsedMs).toBeLessThan(10_000);
    expect((await http(`${app.url}/readyz`)).status).toBe(503);

    await proxy.restore();
    const recovered = await eventually(async () => (await http(deliveryUrl(app.url, id))).status === 200, 20_000);
    expect(recovered).toBe(true);
    expect((await http(`${app.url}/readyz`)).status).toBe(200);
  });
});
