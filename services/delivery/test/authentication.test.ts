import { http, startTokenIssuer, type TokenIssuer, uniqueId } from "@starter/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DeliveryApp, startDeliveryApp } from "./delivery-app.ts";
import { deliveryInput, deliveryUrl } from "./delivery-fixtures.ts";

let issuer: TokenIssuer;
let app: DeliveryApp;
beforeAll(async () => {
  issuer = await startTokenIssuer({ audience: "delivery-api" });
  app = await startDeliveryApp({ env: issuer.env });
});
afterAll(async () => {
  await app?.[Symbol.asyncDispose]();
  await issuer?.[Symbol.asyncDispose]();
});

describe("delivery with AUTH_MODE=jwt", () => {
  it("When a client writes without a token, then 401 with the Bearer challenge and nothing is stored; with one, 201", async () => {
    const id = uniqueId("d");
    const refused = await http(deliveryUrl(app.url, id), { method: "PUT", json: deliveryInput() });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toBe('Bearer realm="delivery"');
    expect(refused.body.type).toBe("urn:problem-type:auth.unauthenticated");

    const authorization = `Bearer ${await issuer.token({ scope: "deliveries:read deliveries:write" })}`;
    expect((await http(deliveryUrl(app.url, id), { headers: { Authorization: authorization } })).status).toBe(404);
    const created = await http(deliveryUrl(app.url, id), {
      method: "PUT",
      json: deliveryInput({ ownerId: "user-1" }),
      headers: { Authorization: authorization },
    });
    expect(created.status).toBe(201);
  });

  it("When a token lacks the scope of what it asks, then 403 naming the scope: reading needs deliveries:read, writing deliveries:write, dispatching operations:write", async () => {
    const id = uniqueId("d");
    const reader = `Bearer ${await issuer.token({ scope: "deliveries:read" })}`;
    const writer = `Bearer ${await issuer.token({ scope: "deliveries:write" })}`;
    const put = await http(deliveryUrl(app.url, id), {
      method: "PUT",
      json: deliveryInput({ ownerId: "user-1" }),
      headers: { Authorization: reader },
    });
    expect(put.status).toBe(403);
    expect(put.headers.get("www-authenticate")).toBe('Bearer error="insufficient_scope", scope="deliveries:write"');
    expect((await http(deliveryUrl(app.url, id), { headers: { Authorization: writer } })).status).toBe(403);
    expect(
      (
        await http(deliveryUrl(app.url, id), {
          method: "PUT",
          json: deliveryInput({ ownerId: "user-1" }),
          headers: { Authorization: writer },
        })
      ).status,
    ).toBe(201);
    const dispatch = await http(`${deliveryUrl(app.url, id)}/dispatch`, {
      method: "POST",
      headers: { Authorization: writer, "Idempotency-Key": uniqueId("key") },
    });
    expect(dispatch.status).toBe(403);
    expect(dispatch.headers.get("www-authenticate")).toContain('scope="operations:write"');
  });

  it("When two clients send the same Idempotency-Key, then each gets its own operation; one client reusing it for another request gets 422", async () => {
    const key = uniqueId("shared-key");
    const scope = "deliveries:write operations:write";
    const clientA = `Bearer ${await issuer.token({ scope, azp: "client-a" })}`;
    const clientB = `Bearer ${await issuer.token({ scope, azp: "client-b" })}`;
    const [first, second, third] = [uniqueId("d"), uniqueId("d"), uniqueId("d")];
    for (const [id, authorization] of [
      [first, clientA],
      [second, clientB],
      [third, clientA],
    ] as const) {
      const created = await http(deliveryUrl(app.url, id), {
        method: "PUT",
        json: deliveryInput({ ownerId: "user-1" }),
        headers: { Authorization: authorization },
      });
      expect(created.status).toBe(201);
    }
    const dispatch = (id: string, authorization: string) =>
      http(`${deliveryUrl(app.url, id)}/dispatch`, {
        method: "POST",
        headers: { Authorization: authorization, "Idempotency-Key": key },
      });

    const fromA = await dispatch(first, clientA);
    const fromB = await dispatch(second, clientB);
    expect([fromA.status, fromB.status]).toEqual([202, 202]);
    expect(fromA.headers.get("location")).not.toBe(fromB.headers.get("location"));
    expect((await dispatch(third, clientA)).status).toBe(422);
  });

  it("When two users of one client app send the same Idempotency-Key, then each gets its own operation, never the other's stored answer", async () => {
    const key = uniqueId("shared-key");
    const scope = "deliveries:write operations:write";
    const started: (string | null)[] = [];
    for (const sub of [uniqueId("alice"), uniqueId("bob")]) {
      const authorization = `Bearer ${await issuer.token({ sub, scope, azp: "web-app" })}`;
      const id = uniqueId("d");
      const put = { method: "PUT", json: deliveryInput({ ownerId: sub }), headers: { Authorization: authorization } };
      expect((await http(deliveryUrl(app.url, id), put)).status).toBe(201);
      const dispatch = await http(`${deliveryUrl(app.url, id)}/dispatch`, {
        method: "POST",
        headers: { Authorization: authorization, "Idempotency-Key": key },
      });
      expect(dispatch.status).toBe(202);
      started.push(dispatch.headers.get("location"));
    }
    expect(started[0]).not.toBe(started[1]);
  });

  it.each([
    ["sub", "an object (a query operator)", { sub: { $ne: "x" } }],
    ["sub", "a number", { sub: 42 }],
    ["sub", "over 255 characters", { sub: "u".repeat(256) }],
    ["sub", "carrying control characters", { sub: "u-1\r\nadmin" }],
    ["azp", "an object", { azp: { $ne: "x" } }],
    ["scope", "a list", { scope: ["deliveries:read", "deliveries:admin"] }],
  ])(
    "When a signed token's %s claim is %s, then 401 invalid_token and no one's deliveries are listed or read",
    async (claim, _case, claims) => {
      const owner = uniqueId("u");
      const id = uniqueId("d");
      const ownerToken = `Bearer ${await issuer.token({ sub: owner, scope: "deliveries:read deliveries:write" })}`;
      const created = await http(deliveryUrl(app.url, id), {
        method: "PUT",
        json: deliveryInput({ ownerId: owner }),
        headers: { Authorization: ownerToken },
      });
      expect(created.status).toBe(201);

      const forged = `Bearer ${await issuer.token({ scope: "deliveries:read deliveries:write", ...claims })}`;
      for (const url of [
        `${app.url}/v2/deliveries`,
        `${app.url}/v2/deliveries?ownerId=${owner}`,
        deliveryUrl(app.url, id),
      ]) {
        const answer = await http(url, { headers: { Authorization: forged } });
        expect([url, answer.status]).toEqual([url, 401]);
        expect(answer.body.type).toBe("urn:problem-type:auth.invalid_token");
        expect(answer.body.detail).toContain(`the token's ${claim} claim is not accepted`);
        expect(answer.body).not.toHaveProperty("items");
        expect(answer.body).not.toHaveProperty("ownerId");
      }
      // The owner still reads it: the refusal is the forged token's, not the record's.
      expect(
        (await http(`${app.url}/v2/deliveries?ownerId=${owner}`, { headers: { Authorization: ownerToken } })).body,
      ).toMatchObject({ items: [{ id }] });
    },
  );

  it("When probes, metrics, the documents and the docs page are asked without a token, then they answer", async () => {
    for (const path of ["/livez", "/readyz", "/metrics", "/v2/openapi.json", "/v1/openapi.json", "/docs"]) {
      expect([path, (await http(`${app.url}${path}`)).status]).toEqual([path, 200]);
    }
  });
});
