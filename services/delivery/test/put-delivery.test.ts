import type { DeliveryInput } from "@starter/contracts/v2";
import { http, httpRawPath, uniqueId } from "@starter/testing";
import { describe, expect, it } from "vitest";
import { useDeliveryApp } from "./delivery-app.ts";
import { deliveryInput, deliveryUrl } from "./delivery-fixtures.ts";

const app = useDeliveryApp();

const put = (id: string, json: unknown, headers: Record<string, string> = {}) =>
  http(deliveryUrl(app.url, id), { method: "PUT", json, headers });

describe("PUT /v2/deliveries/{id}", () => {
  it("When the delivery is absent, then it is created: 201, Location, ETag, Content-Location and the stored representation", async () => {
    const id = uniqueId("d");
    const input = deliveryInput();
    const response = await put(id, input);

    expect(response.status).toBe(201);
    expect(response.headers.get("location")).toBe(`/v2/deliveries/${id}`);
    expect(response.headers.get("content-location")).toBe(`/v2/deliveries/${id}`);
    expect(response.headers.get("etag")).toMatch(/^"[^"]+"$/);
    expect(response.body).toMatchObject({ id, ownerId: input.ownerId, status: "created", version: 1 });
    expect(response.body._links.self.href).toBe(`/v2/deliveries/${id}`);
    expect(response.body._links.confirmation.href).toBe(`/v2/deliveries/${id}/confirmation`);
    expect(response.body._links.dropoff.href).toBe(`/v2/deliveries/${id}/dropoff`);
    expect((await http(deliveryUrl(app.url, id))).body).toEqual(response.body);
  });

  it("When the delivery exists and the body differs, then it is replaced: 200, the next version, a new ETag", async () => {
    const id = uniqueId("d");
    const created = await put(id, deliveryInput());
    const replaced = await put(id, deliveryInput({ ownerId: created.body.ownerId, expedited: true }));

    expect(replaced.status).toBe(200);
    expect(replaced.headers.get("location")).toBeNull();
    expect(replaced.body).toMatchObject({ expedited: true, version: 2 });
    expect(replaced.headers.get("etag")).not.toBe(created.headers.get("etag"));
  });

  it("When the same representation is sent again, then nothing changes: 200, same version, same ETag", async () => {
    const id = uniqueId("d");
    const input = deliveryInput();
    const first = await put(id, input);
    const replay = await put(id, input);

    expect(replay.status).toBe(200);
    expect(replay.body.version).toBe(first.body.version);
    expect(replay.headers.get("etag")).toBe(first.headers.get("etag"));
  });

  it("When the body's id differs from the URL's, then 400 points at /id and nothing is stored", async () => {
    const id = uniqueId("d");
    const response = await put(id, { ...deliveryInput(), id: "someone-else" });

    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect(response.body.errors).toContainEqual(expect.objectContaining({ pointer: "/id" }));
    expect((await http(deliveryUrl(app.url, id))).status).toBe(404);
  });

  it("When the id is . or .. (a client that does not normalise paths sends it as is), then 400 and nothing is stored", async () => {
    for (const id of [".", ".."]) {
      const response = await httpRawPath(app.url, `/v2/deliveries/${id}`, { method: "PUT", json: deliveryInput() });

      expect(response.status).toBe(400);
      expect(response.body.errors).toContainEqual(expect.objectContaining({ pointer: "/id" }));
    }
    for (const id of [`..${uniqueId("d")}`, `.${uniqueId("d")}`]) {
      expect(
        (await httpRawPath(app.url, `/v2/deliveries/${id}`, { method: "PUT", json: deliveryInput() })).status,
      ).toBe(201);
    }
  });

  it("When the body repeats the URL's id and read-only fields, then they are accepted and the read-only ones ignored", async () => {
    const id = uniqueId("d");
    const response = await put(id, { ...deliveryInput(), id, status: "delivered", version: 99, _links: {} });

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ status: "created", version: 1 });
  });

  it("When the body has unknown members, then they are ignored: not stored, not echoed", async () => {
    const id = uniqueId("d");
    const response = await put(id, { ...deliveryInput(), colour: "red", pickup: { latitude: 1, longitude: 2, x: 1 } });

    expect(response.status).toBe(201);
    expect(response.body.colour).toBeUndefined();
    expect(response.body.pickup).toEqual({ latitude: 1, longitude: 2 });
    expect((await http(deliveryUrl(app.url, id))).body.colour).toBeUndefined();
  });

  it("When expedited is omitted, then it takes its documented default, false", async () => {
    const { expedited: _omitted, ...input } = deliveryInput();
    const response = await put(uniqueId("d"), input);

    expect(response.status).toBe(201);
    expect(response.body.expedited).toBe(false);
  });

  it("When the body breaks domain rules, then 422 lists each with a JSON pointer and nothing is stored", async () => {
    const id = uniqueId("d");
    const response = await put(
      id,
      deliveryInput({
        dropoff: { latitude: 91, longitude: -181 },
        packages: [{ id: "p-1", size: "small", weightKg: 0 }],
      }),
    );

    expect(response.status).toBe(422);
    const pointers = response.body.errors.map((error: { pointer: string }) => error.pointer);
    expect(pointers).toEqual(
      expect.arrayContaining(["/dropoff/latitude", "/dropoff/longitude", "/packages/0/weightKg"]),
    );
    expect((await http(deliveryUrl(app.url, id))).status).toBe(404);
  });

  it.each<[string, Partial<DeliveryInput>, string]>([
    ["a deadline in year 0000", { deadline: "0000-01-01T00:00:00Z" }, "/deadline"],
    ["a deadline a millisecond before 2000", { deadline: "1999-12-31T23:59:59.999Z" }, "/deadline"],
    ["a deadline at 2100 (the window's end, excluded)", { deadline: "2100-01-01T00:00:00Z" }, "/deadline"],
    ["a deadline in 2099 local time that is 2100 in UTC", { deadline: "2099-12-31T23:30:00-01:00" }, "/deadline"],
    ["a package of 1e308 kg", { packages: [{ id: "p-1", size: "small", weightKg: 1e308 }] }, "/packages/0/weightKg"],
    [
      "a package just over 1000 kg",
      { packages: [{ id: "p-1", size: "large", weightKg: 1000.001 }] },
      "/packages/0/weightKg",
    ],
  ])(
    "When the body carries %s, then 422 problem+json points at it and nothing is stored",
    async (_case, change, pointer) => {
      const id = uniqueId("d");
      const response = await put(id, deliveryInput(change));

      expect(response.status).toBe(422);
      expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(response.body.type).toBe("urn:problem-type:delivery.rule_violated");
      expect(response.body.errors).toEqual([expect.objectContaining({ pointer })]);
      expect((await http(deliveryUrl(app.url, id))).status).toBe(404);
    },
  );

  it("When the values are at the bounds (deadlines at 2000-01-01 and just before 2100, 1000 kg), then 201 with them as sent", async () => {
    for (const deadline of ["2000-01-01T00:00:00Z", "2099-12-31T23:59:59.999Z", "2100-01-01T00:30:00+01:00"]) {
      const response = await put(
        uniqueId("d"),
        deliveryInput({ deadline, packages: [{ id: "p-1", size: "large", weightKg: 1000 }] }),
      );
      expect([deadline, response.status]).toEqual([deadline, 201]);
      expect(response.body.deadline).toBe(new Date(deadline).toISOString());
      expect(response.body.packages[0].weightKg).toBe(1000);
    }
  });

  it("When a delivery has no packages, then 422 says a delivery carries at least one", async () => {
    const response = await put(uniqueId("d"), deliveryInput({ packages: [] }));

    expect(response.status).toBe(422);
    expect(response.body.errors).toContainEqual(expect.objectContaining({ pointer: "/packages" }));
  });

  it("When the body does not match the contract's shape, then 400 points at every bad member", async () => {
    const response = await put(uniqueId("d"), {
      ...deliveryInput(),
      deadline: "tomorrow",
      pickup: { latitude: "north" },
    });

    expect(response.status).toBe(400);
    const pointers = response.body.errors.map((error: { pointer: string }) => error.pointer);
    expect(pointers).toEqual(expect.arrayContaining(["/deadline", "/pickup/latitude", "/pickup/longitude"]));
  });
});
