import { http, startTcpProxy, uniqueId } from "@starter/testing";
import { describe, expect, inject, it } from "vitest";
import { startDeliveryApp } from "./delivery-app.ts";
import { deliveryInput, deliveryUrl } from "./delivery-fixtures.ts";

/** How long the hung database holds what it is sent: well past the caller's time, well under the setting. */
const HANG_MS = 2_000;

describe("a caller's deadline (X-Request-Timeout-Ms)", () => {
  it("When the database hangs past the caller's remaining time, then 503 + Retry-After at that time, and the PUT is never applied", async () => {
    await using proxy = await startTcpProxy(inject("mongoUri"));
    await using app = await startDeliveryApp({ mongoUri: proxy.uri });
    const id = uniqueId("d");

    proxy.delayRequests(HANG_MS);
    const started = performance.now();
    const refused = await http(deliveryUrl(app.url, id), {
      method: "PUT",
      json: deliveryInput(),
      headers: { "X-Request-Timeout-Ms": "300" },
    });
    const tookMs = performance.now() - started;
    proxy.delayRequests(0);

    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(refused.body.type).toBe("urn:problem-type:request.deadline_exceeded");
    expect(tookMs).toBeLessThan(HANG_MS);
    // Whatever the database held has reached it by now: the write was never sent.
    await new Promise((resolve) => setTimeout(resolve, HANG_MS));
    expect((await http(deliveryUrl(app.url, id))).status).toBe(404);
  });

  it("When the caller has no time left, then the PUT is refused before it starts, and a retry with time applies it", async () => {
    await using app = await startDeliveryApp();
    const id = uniqueId("d");

    const refused = await http(deliveryUrl(app.url, id), {
      method: "PUT",
      json: deliveryInput(),
      headers: { "X-Request-Timeout-Ms": "0" },
    });
    expect(refused.status).toBe(503);
    expect((await http(deliveryUrl(app.url, id))).status).toBe(404);

    const retried = await http(deliveryUrl(app.url, id), {
      method: "PUT",
      json: deliveryInput(),
      headers: { "X-Request-Timeout-Ms": "5000" },
    });
    expect(retried.status).toBe(201);
  });
});
