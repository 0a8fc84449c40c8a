import { randomUUID } from "node:crypto";
import { http, uniqueId } from "@starter/testing";
import { describe, expect, it } from "vitest";
import { useDeliveryApp } from "./delivery-app.ts";
import { deliveryInput, deliveryUrl } from "./delivery-fixtures.ts";

const app = useDeliveryApp({ dispatchDurationMs: 400 });
const slowApp = useDeliveryApp({ dispatchDurationMs: 5_000, ownDatabase: true });

async function createDelivery(baseUrl: string): Promise<string> {
  const id = uniqueId("d");
  await http(deliveryUrl(baseUrl, id), { method: "PUT", json: deliveryInput() });
  return id;
}

const dispatch = (baseUrl: string, id: string, headers: Record<string, string> = {}) =>
  http(`${deliveryUrl(baseUrl, id)}/dispatch`, {
    method: "POST",
    headers: { "Idempotency-Key": randomUUID(), ...headers },
  });

/** Polls a status URL until it stops saying pending/running; bounded. */
async function pollUntilFinished(baseUrl: string, location: string) {
  for (let i = 0; i < 100; i++) {
    const response = await http(`${baseUrl}${location}`);
    if (response.status !== 200 || !["pending", "running"].includes(response.body.status)) return response;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${location} did not finish`);
}

describe("POST /v2/deliveries/{id}/dispatch (202 Accepted and a status resource)", () => {
  it("When a created delivery is dispatched, then 202 + Location + Retry-After, then running, then 303 to the delivery, which is dispatched once", async () => {
    const id = await createDelivery(app.url);
    const accepted = await dispatch(app.url, id);

    expect(accepted.status).toBe(202);
    const location = accepted.headers.get("location") ?? "";
    expect(location).toMatch(/^\/v2\/operations\/[0-9a-f-]{36}$/);
    expect(accepted.headers.get("retry-after")).toBe("1");
    expect(accepted.body).toMatchObject({
      status: "pending",
      kind: "dispatch",
      _links: { resource: { href: `/v2/deliveries/${id}` } },
    });

    const running = await http(`${app.url}${location}`);
    expect(running.status).toBe(200);
    expect(["pending", "running"]).toContain(running.body.status);
    expect(running.headers.get("retry-after")).toBe("1");

    const done = await pollUntilFinished(app.url, location);
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe(`/v2/deliveries/${id}`);
    expect((await http(deliveryUrl(app.url, id))).body).toMatchObject({ status: "dispatched", version: 2 });
  });

  it("When the delivery does not exist or cannot be dispatched, then 404 or 409 and no operation is stored", async () => {
    expect((await dispatch(app.url, uniqueId("missing"))).status).toBe(404);

    const id = await createDelivery(app.url);
    await http(`${deliveryUrl(app.url, id)}/confirmation`, {
      method: "PUT",
      json: { receivedBy: "Ada", confirmedAt: "2026-11-30T12:00:00Z" },
    });
    const refused = await dispatch(app.url, id);
    expect(refused.status).toBe(409);
    expect(refused.headers.get("location")).toBeNull();
  });

  it("When a dispatch is already in progress for the delivery, then a second one is refused with 409", async () => {
    const id = await createDelivery(slowApp.url);
    expect((await dispatch(slowApp.url, id)).status).toBe(202);

    const second = await dispatch(slowApp.url, id);
    expect(second.status).toBe(409);
    expect(second.body.type).toBe("urn:problem-type:operation.in_progress");
  });

  it("When the operation fails, then the status resource keeps its problem", async () => {
    const id = await createDelivery(slowApp.url);
    const accepted = await dispatch(slowApp.url, id);
    // Confirmed while the dispatch runs: by the time its effect comes, the delivery is no longer dispatchable.
    await http(`${deliveryUrl(slowApp.url, id)}/confirmation`, {
      method: "PUT",
      json: { receivedBy: "Ada", confirmedAt: "2026-11-30T12:00:00Z" },
    });
    const failed = await pollUntilFinished(slowApp.url, accepted.headers.get("location") ?? "");

    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({
      status: "failed",
      error: { type: "urn:problem-type:delivery.not_dispatchable", status: 409 },
    });
    expect((await http(`${slowApp.url}${accepted.headers.get("location")}`)).body.status).toBe("failed");
  }, 20_000);

  it("When Prefer: wait=5 and the operation finishes in time, then the answer is synchronous, with Preference-Applied", async () => {
    const id = await createDelivery(app.url);
    const response = await dispatch(app.url, id, { Prefer: "wait=5" });

    expect(response.status).toBe(200);
    expect(response.body.status).toBe("succeeded");
    expect(response.headers.get("preference-applied")).toBe("wait=5");
    expect(response.headers.get("vary")).toContain("Prefer");
  });

  it("When Prefer: wait is longer than the request's deadline leaves, then the wait is cut to it: 202 within the deadline", async () => {
    const id = await createDelivery(slowApp.url);
    const started = performance.now();
    const response = await dispatch(slowApp.url, id, { Prefer: "wait=10", "X-Request-Timeout-Ms": "2000" });

    expect(response.status).toBe(202);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(response.headers.get("location")).toMatch(/^\/v2\/operations\//);
  });

  it("When Prefer: respond-async, then 202 with Preference-Applied; unknown preferences are ignored", async () => {
    const id = await createDelivery(app.url);
    const response = await dispatch(app.url, id, { Prefer: "respond-async, handling=strict" });

    expect(response.status).toBe(202);
    expect(response.headers.get("preference-applied")).toBe("respond-async");
  });
});

describe("/v2/operations/{id}", () => {
  it("When the operation is unknown, then 404 problem+json", async () => {
    const response = await http(`${app.url}/v2/operations/${randomUUID()}`);

    expect(response.status).toBe(404);
    expect(response.body.type).toBe("urn:problem-type:operation.not_found");
  });

  it("When a running operation is canceled, then it stops before its effect: canceled, delivery untouched", async () => {
    const id = await createDelivery(slowApp.url);
    const location = (await dispatch(slowApp.url, id)).headers.get("location") ?? "";
    await pollUntilRunning(slowApp.url, location);

    const cancel = await http(`${slowApp.url}${location}`, { method: "DELETE" });
    expect(cancel.status).toBe(202);
    expect(cancel.body.cancelRequested).toBe(true);

    const finished = await pollUntilFinished(slowApp.url, location);
    expect(finished.body.status).toBe("canceled");
    expect((await http(deliveryUrl(slowApp.url, id))).body).toMatchObject({ status: "created", version: 1 });
    expect((await http(`${slowApp.url}${location}`, { method: "DELETE" })).status).toBe(409);
  }, 20_000);
});

async function pollUntilRunning(baseUrl: string, location: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await http(`${baseUrl}${location}`)).body.status === "running") return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${location} never ran`);
}
