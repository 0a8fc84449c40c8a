import * as v3 from "@starter/contracts/v3";
import { http, startTokenIssuer, type TokenIssuer, uniqueId } from "@starter/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DeliveryApp, startDeliveryApp } from "./delivery-app.ts";
import { deliveryInput } from "./delivery-fixtures.ts";

/** The same database and code under three settings of API_VERSION_STATES: as shipped, promoted, rolled back. */
const PROMOTED = "3:current,2:deprecated,1:retired";
const ROLLED_BACK = "1:retired,2:current,3:withdrawn";

let issuer: TokenIssuer;
let shipped: DeliveryApp;
let promoted: DeliveryApp;
let rolledBack: DeliveryApp;
beforeAll(async () => {
  issuer = await startTokenIssuer({ audience: "delivery-api" });
  [shipped, promoted, rolledBack] = await Promise.all([
    startDeliveryApp({ env: issuer.env }),
    startDeliveryApp({ env: issuer.env, versionStates: PROMOTED }),
    startDeliveryApp({ env: issuer.env, versionStates: ROLLED_BACK }),
  ]);
});
afterAll(async () => {
  for (const app of [shipped, promoted, rolledBack]) await app?.[Symbol.asyncDispose]();
  await issuer?.[Symbol.asyncDispose]();
});

/** A client of its own, allowed to read and write its deliveries, whose id is its token's `sub` and `azp`. */
async function newClient() {
  const id = uniqueId("client");
  const token = await issuer.token({ sub: id, azp: id, scope: "deliveries:read deliveries:write" });
  return { id, headers: { Authorization: `Bearer ${token}` } };
}

const v3Input = (ownerId: string) => ({ ...v3.deliveryInputExample, ownerId, priority: "expedited" as const });

describe("version 3, a preview", () => {
  it("When a client writes in v3, then it is served with the preview marker, v2 reads the same delivery, and nobody is moved to v3 unasked", async () => {
    const client = await newClient();
    const id = uniqueId("d");

    const created = await http(`${shipped.url}/v3/deliveries/${id}`, {
      method: "PUT",
      json: v3Input(client.id),
      headers: client.headers,
    });
    const asV2 = await http(`${shipped.url}/v2/deliveries/${id}`, { headers: client.headers });
    const unversioned = await http(`${shipped.url}/deliveries/${id}`, { headers: client.headers });

    expect(created.status).toBe(201);
    expect(created.headers.get("api-version-state")).toBe("preview");
    expect(created.headers.get("location")).toBe(`/v3/deliveries/${id}`);
    expect(created.body).toMatchObject({ priority: "expedited", _links: { self: { href: `/v3/deliveries/${id}` } } });
    expect(asV2.body).toMatchObject({ expedited: true });
    expect(asV2.headers.get("api-version-state")).toBeNull();
    // Trying the preview first pins nobody to it: an unversioned request still gets the current major.
    expect(unversioned.headers.get("api-version")).toBe("2");
  });

  it("When v2 writes and v3 reads, then the flag is a priority; a v3 PUT of a priority v2 cannot say stays readable in v2", async () => {
    const client = await newClient();
    const id = uniqueId("d");

    await http(`${shipped.url}/v2/deliveries/${id}`, {
      method: "PUT",
      json: deliveryInput({ ownerId: client.id }),
      headers: client.headers,
    });
    const asV3 = await http(`${shipped.url}/v3/deliveries/${id}`, { headers: client.headers });
    const refused = await http(`${shipped.url}/v3/deliveries/${id}`, {
      method: "PUT",
      json: { ...v3Input(client.id), priority: "same-day" },
      headers: client.headers,
    });

    expect(asV3.body).toMatchObject({ priority: "standard", version: 1 });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].pointer).toBe("/priority");
  });
});

describe("promotion and rollback, each one setting", () => {
  it("When v3 is promoted (3:current,2:deprecated,1:retired), then a new client gets v3, v2 is deprecated naming v3, v1 is gone, and a client pinned to v2 stays on it", async () => {
    const pinnedToV2 = await newClient();
    const fresh = await newClient();
    const path = `/deliveries/${uniqueId("d")}`;
    expect((await http(`${shipped.url}${path}`, { headers: pinnedToV2.headers })).headers.get("api-version")).toBe("2");

    const pinned = await http(`${promoted.url}${path}`, { headers: pinnedToV2.headers });
    const newcomer = await http(`${promoted.url}${path}`, { headers: fresh.headers });
    const v2 = await http(`${promoted.url}/v2${path}`, { headers: fresh.headers });
    const v1 = await http(`${promoted.url}/v1${path}`, { headers: fresh.headers });
    const v3Document = (await http(`${promoted.url}/v3/openapi.json`)).body;
    const v2Document = (await http(`${promoted.url}/v2/openapi.json`)).body;

    expect(pinned.headers.get("api-version")).toBe("2");
    expect(newcomer.headers.get("api-version")).toBe("3");
    expect(newcomer.headers.get("api-version-state")).toBeNull();
    expect(v2.headers.get("deprecation")).toBe(`@${Date.parse("2027-06-01T00:00:00Z") / 1000}`);
    expect(v2.headers.get("link")).toBe(`</v3${path}>; rel="successor-version"`);
    expect(v1.status).toBe(410);
    expect(v3Document.info["x-api-preview"]).toBeUndefined();
    expect(v2Document.paths["/v2/deliveries/{id}"].get.deprecated).toBe(true);
    expect(newcomer.headers.get("api-supported-versions")).toBe("2, 3");
  });

  it("When the promotion is rolled back (1:retired,2:current,3:withdrawn), then v3 answers 410 naming v2, and clients pinned to v3 are answered in v2", async () => {
    const pinnedToV3 = await newClient();
    const path = `/deliveries/${uniqueId("d")}`;
    expect((await http(`${promoted.url}${path}`, { headers: pinnedToV3.headers })).headers.get("api-version")).toBe(
      "3",
    );

    const withdrawn = await http(`${rolledBack.url}/v3${path}`, { headers: pinnedToV3.headers });
    const unversioned = await http(`${rolledBack.url}${path}`, { headers: pinnedToV3.headers });
    const document = await http(`${rolledBack.url}/v3/openapi.json`);

    expect(withdrawn.status).toBe(410);
    expect(withdrawn.body).toMatchObject({ type: expect.stringContaining("version.withdrawn") });
    expect(withdrawn.body.detail).toContain("use version 2");
    expect(unversioned.headers.get("api-version")).toBe("2");
    expect(unversioned.headers.get("api-supported-versions")).toBe("2");
    expect(document.status).toBe(410);
  });
});
