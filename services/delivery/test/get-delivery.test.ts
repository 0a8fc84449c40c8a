import { http, httpRawPath, uniqueId } from "@starter/testing";
import { describe, expect, it } from "vitest";
import { useDeliveryApp } from "./delivery-app.ts";
import { deliveryInput, deliveryUrl } from "./delivery-fixtures.ts";

const app = useDeliveryApp();

describe("GET /v2/deliveries/{id}", () => {
  it("When the delivery exists, then 200 with its representation and the same ETag the PUT returned", async () => {
    const id = uniqueId("d");
    const created = await http(deliveryUrl(app.url, id), { method: "PUT", json: deliveryInput() });
    const response = await http(deliveryUrl(app.url, id));

    expect(response.status).toBe(200);
    expect(response.headers.get("etag")).toBe(created.headers.get("etag"));
    expect(response.body).toEqual(created.body);
    expect(response.body._id).toBeUndefined();
  });

  it("When If-None-Match carries the current ETag, then 304 without a body", async () => {
    const id = uniqueId("d");
    const created = await http(deliveryUrl(app.url, id), { method: "PUT", json: deliveryInput() });
    const response = await http(deliveryUrl(app.url, id), {
      headers: { "If-None-Match": created.headers.get("etag") ?? "" },
    });

    expect(response.status).toBe(304);
    expect(response.body).toBeUndefined();
  });

  it("When If-None-Match carries an older ETag, then 200 with the current representation", async () => {
    const id = uniqueId("d");
    const created = await http(deliveryUrl(app.url, id), { method: "PUT", json: deliveryInput() });
    await http(deliveryUrl(app.url, id), { method: "PUT", json: deliveryInput({ expedited: true }) });
    const response = await http(deliveryUrl(app.url, id), {
      headers: { "If-None-Match": created.headers.get("etag") ?? "" },
    });

    expect(response.status).toBe(200);
    expect(response.body.version).toBe(2);
  });

  it("When If-None-Match is sent empty, then 400: an empty condition is malformed, not the same as none", async () => {
    const id = uniqueId("d");
    await http(deliveryUrl(app.url, id), { method: "PUT", json: deliveryInput() });
    const response = await httpRawPath(app.url, `/v2/deliveries/${id}`, { rawHeaders: [["If-None-Match", ""]] });

    expect(response.status).toBe(400);
  });

  it("When the delivery does not exist, then 404 problem+json", async () => {
    const response = await http(deliveryUrl(app.url, uniqueId("missing")));

    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect(response.body).toMatchObject({ status: 404, type: "urn:problem-type:delivery.not_found" });
  });

  it("When the id in the URL is not a valid id, then 400", async () => {
    const response = await http(deliveryUrl(app.url, "a".repeat(65)));

    expect(response.status).toBe(400);
  });
});
