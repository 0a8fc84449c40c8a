import * as v1 from "@starter/contracts/v1";
import { http, startTokenIssuer, type TokenIssuer, uniqueId } from "@starter/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useLegacyApp } from "./legacy-app.ts";

let issuer: TokenIssuer;
beforeAll(async () => {
  issuer = await startTokenIssuer({ audience: "delivery-api" });
});
afterAll(async () => {
  await issuer?.[Symbol.asyncDispose]();
});
const app = useLegacyApp({ env: () => issuer.env });

async function caller(scope = "deliveries:read deliveries:write") {
  const subject = uniqueId("u");
  return { subject, headers: { Authorization: `Bearer ${await issuer.token({ sub: subject, scope })}` } };
}

describe("the legacy service with AUTH_MODE=jwt: a delivery belongs to its owner", () => {
  it("When a caller reaches someone else's delivery, then 404 on GET, PUT and DELETE; handing one over needs deliveries:admin", async () => {
    const [owner, other] = [await caller(), await caller()];
    const admin = await caller("deliveries:read deliveries:write deliveries:admin");
    const url = `${app.url}/v1/deliveries/${uniqueId("l")}`;
    const input = { ...v1.deliveryInputExample, owner: owner.subject };
    expect((await http(url, { method: "PUT", json: input, headers: owner.headers })).status).toBe(201);

    expect((await http(url, { headers: other.headers })).status).toBe(404);
    expect((await http(url, { method: "PUT", json: input, headers: other.headers })).status).toBe(404);
    expect((await http(url, { method: "DELETE", headers: other.headers })).status).toBe(404);
    const move = { method: "PUT", json: { ...input, owner: other.subject } };
    const refused = await http(url, { ...move, headers: owner.headers });
    expect(refused.status).toBe(403);
    expect(refused.body.type).toBe("urn:problem-type:delivery.owner_forbidden");
    expect((await http(url, { headers: owner.headers })).body).toMatchObject({ owner: owner.subject });

    expect((await http(url, { ...move, headers: admin.headers })).status).toBe(200);
    expect((await http(url, { headers: other.headers })).body).toMatchObject({ owner: other.subject });
  });
});
