import { http, uniqueId } from "@starter/testing";
import { describe, expect, it } from "vitest";
import { useDeliveryApp } from "./delivery-app.ts";
import { deliveryInput, deliveryUrl } from "./delivery-fixtures.ts";

const app = useDeliveryApp();

/** Creates `count` deliveries of one new owner; the owner filter keeps other tests' records out. */
async function createForOwner(count: number): Promise<{ ownerId: string; ids: string[] }> {
  const ownerId = uniqueId("owner");
  const ids = Array.from({ length: count }, (_, i) => `${ownerId}-${String(i).padStart(2, "0")}`);
  for (const id of ids) await http(deliveryUrl(app.url, id), { method: "PUT", json: deliveryInput({ ownerId }) });
  return { ownerId, ids };
}

const list = (query: string) => http(`${app.url}/v2/deliveries?${query}`);

describe("GET /v2/deliveries", () => {
  it("When filtered by owner, then only that owner's deliveries come back, ordered by id", async () => {
    const { ownerId, ids } = await createForOwner(3);
    const response = await list(`ownerId=${ownerId}`);

    expect(response.status).toBe(200);
    expect(response.body.items.map((item: { id: string }) => item.id)).toEqual(ids);
    expect(response.body._links.self.href).toBe(`/v2/deliveries?ownerId=${ownerId}`);
    expect(response.body._links.next).toBeUndefined();
  });

  it("When there are more than a page, then next links walk every item exactly once", async () => {
    const { ownerId, ids } = await createForOwner(5);
    const seen: string[] = [];
    let href: string | undefined = `/v2/deliveries?ownerId=${ownerId}&limit=2`;
    for (let pages = 0; href && pages < 10; pages++) {
      const response = await http(`${app.url}${href}`);
      expect(response.status).toBe(200);
      seen.push(...response.body.items.map((item: { id: string }) => item.id));
      href = response.body._links.next?.href;
    }

    expect(seen).toEqual(ids);
  });

  it("When filtered by status too, then only matching deliveries come back", async () => {
    const { ownerId, ids } = await createForOwner(2);
    const [confirmedId] = ids;
    await http(`${deliveryUrl(app.url, confirmedId ?? "")}/confirmation`, {
      method: "PUT",
      json: { receivedBy: "Ada", confirmedAt: "2026-11-30T12:00:00Z" },
    });

    const delivered = await list(`ownerId=${ownerId}&status=delivered`);
    const created = await list(`ownerId=${ownerId}&status=created`);
    expect(delivered.body.items.map((item: { id: string }) => item.id)).toEqual([confirmedId]);
    expect(created.body.items.map((item: { id: string }) => item.id)).toEqual(ids.slice(1));
  });

  it.each([
    ["an unknown filter", "colour=red", "/colour"],
    ["an unknown status", "status=lost", "/status"],
    ["a limit above 100", "limit=101", "/limit"],
    ["a limit of 0", "limit=0", "/limit"],
    ["a limit that is not a number", "limit=ten", "/limit"],
    ["a filter given twice", "status=created&status=delivered", "/status"],
    ["a cursor longer than any id", `cursor=${"c".repeat(201)}`, "/cursor"],
    ["an operator in a filter name", "%24where=1", "/$where"],
  ])("When the query has %s, then 400 points at it", async (_, query, pointer) => {
    const response = await list(query);

    expect(response.status).toBe(400);
    expect(response.body.errors).toContainEqual(expect.objectContaining({ pointer }));
  });

  it("When no limit is given, then at most 20 items come back", async () => {
    const { ownerId } = await createForOwner(21);
    const response = await list(`ownerId=${ownerId}`);

    expect(response.body.items).toHaveLength(20);
    expect(response.body._links.next).toBeDefined();
  });
});
