import { http, uniqueId } from "@starter/testing";
import { describe, expect, it } from "vitest";
import { useDeliveryApp } from "./delivery-app.ts";
import { deliveryInput, deliveryUrl } from "./delivery-fixtures.ts";

const app = useDeliveryApp();

describe("routing, request ids and health", () => {
  it("When a path has no resource, then 404 problem+json", async () => {
    const response = await http(`${app.url}/v2/nothing-here`);

    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect(response.body).toMatchObject({ status: 404, title: "Not found" });
  });

  it("When a method is not offered, then 405 problem+json with Allow", async () => {
    const response = await http(deliveryUrl(app.url, uniqueId("d")), { method: "PATCH", json: {} });

    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toContain("PUT");
    expect(response.body.status).toBe(405);
  });

  it("When a request carries a valid X-Request-Id, then the response echoes it", async () => {
    const requestId = uniqueId("req");
    const response = await http(deliveryUrl(app.url, uniqueId("d")), { headers: { "X-Request-Id": requestId } });

    expect(response.headers.get("x-request-id")).toBe(requestId);
    expect(response.body.instance).toContain(requestId);
  });

  it("When a request carries no or an invalid X-Request-Id, then the response carries a generated one", async () => {
    const none = await http(`${app.url}/livez`);
    const invalid = await http(`${app.url}/livez`, { headers: { "X-Request-Id": "bad id\twith spaces" } });

    expect(none.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(invalid.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("When the database answers, then /livez and /readyz are 200", async () => {
    expect((await http(`${app.url}/livez`)).status).toBe(200);
    expect((await http(`${app.url}/readyz`)).status).toBe(200);
  });

  it("When a response succeeds, then it carries no internal field names", async () => {
    const response = await http(deliveryUrl(app.url, uniqueId("d")), { method: "PUT", json: deliveryInput() });

    expect(JSON.stringify(response.body)).not.toMatch(/"_id"|"lat"|"lng"/);
  });
});
