import { http, testServer, uniqueId } from "@starter/testing";
import { describe, expect, it } from "vitest";
import { useDeliveryApp } from "./delivery-app.ts";
import { deliveryInput, deliveryUrl } from "./delivery-fixtures.ts";

const app = useDeliveryApp();

const put = (id: string, json: unknown, headers: Record<string, string> = {}) =>
  http(deliveryUrl(app.url, id), { method: "PUT", json, headers });

describe("PUT /v2/deliveries/{id} with conditions", () => {
  it("When If-Match carries the current ETag, then the replacement is applied", async () => {
    const id = uniqueId("d");
    const created = await put(id, deliveryInput());
    const etag = created.headers.get("etag") ?? "";
    const response = await put(id, deliveryInput({ expedited: true }), { "If-Match": etag });

    expect(response.status).toBe(200);
    expect(response.body.version).toBe(2);
  });

  it("When If-Match carries an older ETag, then 412 and the delivery is unchanged", async () => {
    const id = uniqueId("d");
    const created = await put(id, deliveryInput());
    await put(id, deliveryInput({ expedited: true }));
    const response = await put(id, deliveryInput({ ownerId: "late-writer" }), {
      "If-Match": created.headers.get("etag") ?? "",
    });

    expect(response.status).toBe(412);
    expect((await http(deliveryUrl(app.url, id))).body).toMatchObject({ expedited: true, version: 2 });
  });

  it("When If-Match is sent for an absent delivery, then 412 and nothing is created", async () => {
    const id = uniqueId("d");
    const response = await put(id, deliveryInput(), { "If-Match": '"v2-delivery-1"' });

    expect(response.status).toBe(412);
    expect((await http(deliveryUrl(app.url, id))).status).toBe(404);
  });

  it("When If-Match is a weak ETag, then it never matches (strong comparison) and the answer is 412", async () => {
    const id = uniqueId("d");
    const created = await put(id, deliveryInput());
    const response = await put(id, deliveryInput(), { "If-Match": `W/${created.headers.get("etag")}` });

    expect(response.status).toBe(412);
  });

  it("When If-None-Match: * and the delivery is absent, then it is created", async () => {
    const response = await put(uniqueId("d"), deliveryInput(), { "If-None-Match": "*" });

    expect(response.status).toBe(201);
  });

  it("When If-None-Match: * and the delivery exists, then 412 and it is unchanged", async () => {
    const id = uniqueId("d");
    await put(id, deliveryInput());
    const response = await put(id, deliveryInput({ expedited: true }), { "If-None-Match": "*" });

    expect(response.status).toBe(412);
    expect((await http(deliveryUrl(app.url, id))).body.expedited).toBe(false);
  });

  it("When If-Match is malformed, then 400", async () => {
    const response = await put(uniqueId("d"), deliveryInput(), { "If-Match": "no-quotes" });

    expect(response.status).toBe(400);
  });
});

describe("PUT /v2/deliveries/{id} under concurrency", () => {
  it("When 50 identical first PUTs race on each of 20 new ids, then each id gets exactly one 201, the rest 200, no 5xx, one document", async () => {
    const ids = Array.from({ length: 20 }, () => uniqueId("race"));
    const input = deliveryInput();
    const responses = await Promise.all(
      ids.flatMap((id) => Array.from({ length: 50 }, () => put(id, input).then((r) => ({ id, status: r.status })))),
    );

    for (const id of ids) {
      const statuses = responses.filter((r) => r.id === id).map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 200)).toHaveLength(49);
    }
    const page = await http(`${app.url}/v2/deliveries?ownerId=${input.ownerId}&limit=100`);
    expect(page.body.items.map((item: { id: string }) => item.id).sort()).toEqual([...ids].sort());
    expect(page.body.items.every((item: { version: number }) => item.version === 1)).toBe(true);
  });

  it("When concurrent first PUTs carry If-None-Match: *, then exactly one 201 and the rest 412", async () => {
    const id = uniqueId("race");
    const statuses = await Promise.all(
      Array.from({ length: 20 }, () => put(id, deliveryInput(), { "If-None-Match": "*" }).then((r) => r.status)),
    );

    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(19);
  });

  it("When 20 writers race with the same If-Match, then exactly one wins and the others get 412 (needs atomic conditional updates)", async (context) => {
    const server = testServer();
    context.skip(
      !server.atomicConditionalUpdates,
      `${server.name}: its updates read then write, so two conditional replaces can both match; runs on MongoDB`,
    );
    const id = uniqueId("race");
    const created = await put(id, deliveryInput());
    const etag = created.headers.get("etag") ?? "";
    const statuses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        put(id, deliveryInput({ ownerId: `writer-${i}` }), { "If-Match": etag }).then((r) => r.status),
      ),
    );

    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(19);
    expect((await http(deliveryUrl(app.url, id))).body.version).toBe(2);
  });
});
