import { http, startTokenIssuer, type TokenIssuer, uniqueId } from "@starter/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DeliveryApp, startDeliveryApp } from "./delivery-app.ts";
import { deliveryInput, deliveryUrl } from "./delivery-fixtures.ts";

const SCOPES = "deliveries:read deliveries:write operations:read operations:write";

let issuer: TokenIssuer;
let app: DeliveryApp;
beforeAll(async () => {
  issuer = await startTokenIssuer({ audience: "delivery-api" });
  app = await startDeliveryApp({ env: issuer.env, dispatchDurationMs: 5_000 });
});
afterAll(async () => {
  await app?.[Symbol.asyncDispose]();
  await issuer?.[Symbol.asyncDispose]();
});

/** A caller of its own (a unique subject), with the ordinary scopes or the administrative one too. */
async function caller(options: { admin?: boolean } = {}) {
  const subject = uniqueId("u");
  const scope = options.admin ? `${SCOPES} deliveries:admin` : SCOPES;
  return { subject, headers: { Authorization: `Bearer ${await issuer.token({ sub: subject, scope })}` } };
}

const as = (who: { headers: Record<string, string> }, init: Parameters<typeof http>[1] = {}) => ({
  ...init,
  headers: { ...init.headers, ...who.headers },
});

describe("a delivery belongs to its owner (object-level authorization)", () => {
  it("When a caller asks for someone else's delivery, then 404 on every route that reaches it, its dispatch and its operation, and nothing changes", async () => {
    const [owner, other, admin] = [await caller(), await caller(), await caller({ admin: true })];
    const id = uniqueId("d");
    const url = deliveryUrl(app.url, id);
    const input = deliveryInput({ ownerId: owner.subject });
    expect((await http(url, as(owner, { method: "PUT", json: input }))).status).toBe(201);
    const dispatched = await http(`${url}/dispatch`, as(owner, { method: "POST", headers: { "Idempotency-Key": id } }));
    expect(dispatched.status).toBe(202);
    const operationUrl = `${app.url}${dispatched.headers.get("location")}`;

    const attempts = {
      get: await http(url, as(other)),
      put: await http(url, as(other, { method: "PUT", json: { ...input, ownerId: other.subject } })),
      replay: await http(url, as(other, { method: "PUT", json: input })),
      replayCreateOnly: await http(url, as(other, { method: "PUT", json: input, headers: { "If-None-Match": "*" } })),
      delete: await http(url, as(other, { method: "DELETE" })),
      dropoff: await http(`${url}/dropoff`, as(other)),
      putDropoff: await http(`${url}/dropoff`, as(other, { method: "PUT", json: input.dropoff })),
      confirmation: await http(`${url}/confirmation`, as(other)),
      dispatch: await http(`${url}/dispatch`, as(other, { method: "POST", headers: { "Idempotency-Key": id } })),
      operation: await http(operationUrl, as(other)),
      cancel: await http(operationUrl, as(other, { method: "DELETE" })),
    };
    for (const [name, answer] of Object.entries(attempts)) expect([name, answer.status]).toEqual([name, 404]);
    expect(attempts.get.body.type).toBe("urn:problem-type:delivery.not_found");
    expect(attempts.operation.body.type).toBe("urn:problem-type:operation.not_found");

    expect((await http(url, as(owner))).body).toMatchObject({ ownerId: owner.subject });
    expect((await http(operationUrl, as(owner))).body).toMatchObject({ kind: "dispatch" });
    expect((await http(url, as(admin))).status).toBe(200);
    expect((await http(operationUrl, as(admin))).status).toBe(200);
  });

  it("When a caller lists deliveries, then only its own; naming another owner finds nothing; the administrator sees any owner's", async () => {
    const [owner, other, admin] = [await caller(), await caller(), await caller({ admin: true })];
    for (const ownerOf of [owner, owner, other]) {
      const id = uniqueId("d");
      const put = { method: "PUT", json: deliveryInput({ ownerId: ownerOf.subject }) };
      expect((await http(deliveryUrl(app.url, id), as(ownerOf, put))).status).toBe(201);
    }
    const list = async (who: typeof owner, query: string) =>
      (await http(`${app.url}/v2/deliveries?limit=100${query}`, as(who))).body.items.map(
        (item: { ownerId: string }) => item.ownerId,
      );

    expect(await list(owner, `&ownerId=${owner.subject}`)).toEqual([owner.subject, owner.subject]);
    expect(new Set(await list(owner, ""))).toEqual(new Set([owner.subject]));
    expect(await list(other, `&ownerId=${owner.subject}`)).toEqual([]);
    expect(await list(admin, `&ownerId=${owner.subject}`)).toEqual([owner.subject, owner.subject]);
  });

  it("When a caller creates a delivery for someone else, or hands its own over, then 403 and nothing changes; the administrator may", async () => {
    const [owner, other, admin] = [await caller(), await caller(), await caller({ admin: true })];
    const [created, handed] = [uniqueId("d"), uniqueId("d")];
    const forOther = await http(
      deliveryUrl(app.url, created),
      as(owner, { method: "PUT", json: deliveryInput({ ownerId: other.subject }) }),
    );
    expect(forOther.status).toBe(403);
    expect(forOther.body.type).toBe("urn:problem-type:delivery.owner_forbidden");
    expect((await http(deliveryUrl(app.url, created), as(admin))).status).toBe(404);

    const url = deliveryUrl(app.url, handed);
    const input = deliveryInput({ ownerId: owner.subject });
    expect((await http(url, as(owner, { method: "PUT", json: input }))).status).toBe(201);
    const move = { method: "PUT", json: { ...input, ownerId: other.subject } };
    expect((await http(url, as(owner, move))).status).toBe(403);
    expect((await http(url, as(owner))).body).toMatchObject({ ownerId: owner.subject, version: 1 });

    expect((await http(url, as(admin, move))).status).toBe(200);
    expect((await http(url, as(other))).body).toMatchObject({ ownerId: other.subject, version: 2 });
    expect((await http(url, as(owner))).status).toBe(404);
  });
});
