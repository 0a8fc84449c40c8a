import { http, uniqueId } from "@starter/testing";
import { describe, expect, it } from "vitest";
import { useDeliveryApp } from "./delivery-app.ts";
import { deliveryInput, deliveryUrl } from "./delivery-fixtures.ts";

const app = useDeliveryApp();

const create = (id: string) => http(deliveryUrl(app.url, id), { method: "PUT", json: deliveryInput() });
const remove = (id: string, headers: Record<string, string> = {}) =>
  http(deliveryUrl(app.url, id), { method: "DELETE", headers });

describe("DELETE /v2/deliveries/{id}", () => {
  it("When the delivery exists, then 204 and it is gone; deleting again is 204 too", async () => {
    const id = uniqueId("d");
    await create(id);

    expect((await remove(id)).status).toBe(204);
    expect((await http(deliveryUrl(app.url, id))).status).toBe(404);
    expect((await remove(id)).status).toBe(204);
  });

  it("When If-Match carries the current ETag, then 204", async () => {
    const id = uniqueId("d");
    const created = await create(id);

    expect((await remove(id, { "If-Match": created.headers.get("etag") ?? "" })).status).toBe(204);
  });

  it("When If-Match carries an older ETag, then 412 and the delivery stays", async () => {
    const id = uniqueId("d");
    const created = await create(id);
    await http(deliveryUrl(app.url, id), { method: "PUT", json: deliveryInput({ expedited: true }) });

    expect((await remove(id, { "If-Match": created.headers.get("etag") ?? "" })).status).toBe(412);
    expect((await http(deliveryUrl(app.url, id))).status).toBe(200);
  });

  it("When If-Match is sent and the delivery is already gone, then 412", async () => {
    expect((await remove(uniqueId("d"), { "If-Match": '"v2-delivery-1"' })).status).toBe(412);
  });
});
