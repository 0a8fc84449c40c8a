import { http, uniqueId } from "@starter/testing";
import { describe, expect, it } from "vitest";
import { useDeliveryApp } from "./delivery-app.ts";
import { deliveryInput, deliveryUrl } from "./delivery-fixtures.ts";

const app = useDeliveryApp();

const dropoffUrl = (id: string) => `${deliveryUrl(app.url, id)}/dropoff`;
const create = (id: string) => http(deliveryUrl(app.url, id), { method: "PUT", json: deliveryInput() });

describe("PUT /v2/deliveries/{id}/dropoff (a value object, replaced whole)", () => {
  it("When a new dropoff is put, then it replaces the old one and the delivery's version moves on", async () => {
    const id = uniqueId("d");
    await create(id);
    const response = await http(dropoffUrl(id), { method: "PUT", json: { latitude: 10, longitude: 20 } });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ latitude: 10, longitude: 20 });
    expect(response.headers.get("content-location")).toBe(`/v2/deliveries/${id}/dropoff`);
    const delivery = await http(deliveryUrl(app.url, id));
    expect(delivery.body).toMatchObject({ dropoff: { latitude: 10, longitude: 20 }, version: 2 });
  });

  it("When the same dropoff is put again, then nothing changes: same ETag, same version", async () => {
    const id = uniqueId("d");
    await create(id);
    const first = await http(dropoffUrl(id), { method: "PUT", json: { latitude: 10, longitude: 20 } });
    const replay = await http(dropoffUrl(id), { method: "PUT", json: { latitude: 10, longitude: 20 } });

    expect(replay.status).toBe(200);
    expect(replay.headers.get("etag")).toBe(first.headers.get("etag"));
    expect((await http(deliveryUrl(app.url, id))).body.version).toBe(2);
  });

  it("When the dropoff is out of range, then 422 points at it and the delivery is unchanged", async () => {
    const id = uniqueId("d");
    await create(id);
    const response = await http(dropoffUrl(id), { method: "PUT", json: { latitude: -91, longitude: 0 } });

    expect(response.status).toBe(422);
    expect(response.body.errors).toContainEqual(expect.objectContaining({ pointer: "/dropoff/latitude" }));
    expect((await http(deliveryUrl(app.url, id))).body.version).toBe(1);
  });

  it("When If-Match carries the dropoff's old ETag, then 412", async () => {
    const id = uniqueId("d");
    await create(id);
    const before = await http(dropoffUrl(id));
    await http(dropoffUrl(id), { method: "PUT", json: { latitude: 1, longitude: 1 } });
    const response = await http(dropoffUrl(id), {
      method: "PUT",
      json: { latitude: 2, longitude: 2 },
      headers: { "If-Match": before.headers.get("etag") ?? "" },
    });

    expect(response.status).toBe(412);
  });

  it("When the delivery does not exist, then 404 and nothing is created", async () => {
    const id = uniqueId("d");
    const response = await http(dropoffUrl(id), { method: "PUT", json: { latitude: 1, longitude: 1 } });

    expect(response.status).toBe(404);
    expect((await http(deliveryUrl(app.url, id))).status).toBe(404);
  });

  it("When the dropoff is read, then its ETag differs from the delivery's (another representation)", async () => {
    const id = uniqueId("d");
    const created = await create(id);
    const response = await http(dropoffUrl(id));

    expect(response.status).toBe(200);
    expect(response.body).toEqual(created.body.dropoff);
    expect(response.headers.get("etag")).not.toBe(created.headers.get("etag"));
  });
});
