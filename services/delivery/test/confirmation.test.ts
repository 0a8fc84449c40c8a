import { http, uniqueId } from "@starter/testing";
import { describe, expect, it } from "vitest";
import { useDeliveryApp } from "./delivery-app.ts";
import { deliveryInput, deliveryUrl } from "./delivery-fixtures.ts";

const app = useDeliveryApp();

const confirmationUrl = (id: string) => `${deliveryUrl(app.url, id)}/confirmation`;
const confirmation = { receivedBy: "Ada Lovelace", confirmedAt: "2026-11-30T12:00:00Z" };

async function createDelivery(): Promise<string> {
  const id = uniqueId("d");
  await http(deliveryUrl(app.url, id), { method: "PUT", json: deliveryInput() });
  return id;
}

describe("/v2/deliveries/{id}/confirmation (a child entity)", () => {
  it("When the delivery has no confirmation yet, then GET is 404", async () => {
    const id = await createDelivery();

    expect((await http(confirmationUrl(id))).status).toBe(404);
  });

  it("When a confirmation is put, then 201 + Location, the delivery is delivered, and the link leads to it", async () => {
    const id = await createDelivery();
    const response = await http(confirmationUrl(id), { method: "PUT", json: confirmation });

    expect(response.status).toBe(201);
    expect(response.headers.get("location")).toBe(`/v2/deliveries/${id}/confirmation`);
    expect(response.body).toMatchObject({ receivedBy: "Ada Lovelace", confirmedAt: "2026-11-30T12:00:00.000Z" });
    const delivery = await http(deliveryUrl(app.url, id));
    expect(delivery.body.status).toBe("delivered");
    const linked = await http(`${app.url}${delivery.body._links.confirmation.href}`);
    expect(linked.status).toBe(200);
    expect(linked.body).toEqual(response.body);
  });

  it("When the same confirmation is put again, then 200 and nothing changes", async () => {
    const id = await createDelivery();
    const first = await http(confirmationUrl(id), { method: "PUT", json: confirmation });
    const replay = await http(confirmationUrl(id), { method: "PUT", json: confirmation });

    expect(replay.status).toBe(200);
    expect(replay.headers.get("etag")).toBe(first.headers.get("etag"));
  });

  it("When a different confirmation replaces it, then 200 with the new one", async () => {
    const id = await createDelivery();
    await http(confirmationUrl(id), { method: "PUT", json: confirmation });
    const response = await http(confirmationUrl(id), { method: "PUT", json: { ...confirmation, receivedBy: "Grace" } });

    expect(response.status).toBe(200);
    expect(response.body.receivedBy).toBe("Grace");
  });

  it("When the delivery is delivered, then changing its details is refused with 409", async () => {
    const id = await createDelivery();
    await http(confirmationUrl(id), { method: "PUT", json: confirmation });
    const response = await http(deliveryUrl(app.url, id), { method: "PUT", json: deliveryInput({ expedited: true }) });

    expect(response.status).toBe(409);
    expect(response.body.type).toBe("urn:problem-type:delivery.completed");
  });

  it("When the confirmation's instant is outside the contract's window, then 422 points at it and the delivery stays open; at its bounds, accepted", async () => {
    const id = await createDelivery();
    for (const confirmedAt of ["0000-01-01T00:00:00Z", "2100-01-01T00:00:00Z"]) {
      const refused = await http(confirmationUrl(id), { method: "PUT", json: { ...confirmation, confirmedAt } });
      expect([confirmedAt, refused.status]).toEqual([confirmedAt, 422]);
      expect(refused.body.errors).toEqual([expect.objectContaining({ pointer: "/confirmedAt" })]);
    }
    expect((await http(deliveryUrl(app.url, id))).body.status).toBe("created");
    const earliest = await http(confirmationUrl(id), {
      method: "PUT",
      json: { ...confirmation, confirmedAt: "2000-01-01T00:00:00Z" },
    });
    expect(earliest.status).toBe(201);
  });

  it("When the delivery does not exist, then PUT is 404", async () => {
    const response = await http(confirmationUrl(uniqueId("d")), { method: "PUT", json: confirmation });

    expect(response.status).toBe(404);
  });
});
