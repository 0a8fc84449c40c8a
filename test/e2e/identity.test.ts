import { randomUUID } from "node:crypto";
import { deliveryClientV1, deliveryClientV2 } from "@starter/delivery-client";
import { http, metricValue, startTokenIssuer, type TokenIssuer, uniqueId } from "@starter/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { until, useServiceProcesses, v2Delivery } from "./service-processes.ts";

/**
 * The migration with authentication on everywhere, as production runs it: the gateway passes each client's
 * own token to both services (so each applies ownership to the client), and uses a token of its own only
 * for what it does on nobody's behalf (here, the periodic comparison).
 */
const processes = useServiceProcesses();
const GATEWAY_SECRET = randomUUID();
let issuer: TokenIssuer;
const urls = { gateway: "", legacy: "", delivery: "" };

beforeAll(async () => {
  issuer = await startTokenIssuer({
    audience: "delivery-api",
    clients: { gateway: { secret: GATEWAY_SECRET, scope: "deliveries:read deliveries:write deliveries:admin" } },
  });
  const sides = await processes.startDeliveryServices(issuer.env);
  [urls.legacy, urls.delivery] = [sides.legacy.url, sides.delivery.url];
  const env = processes.gatewayEnv(urls.legacy, urls.delivery, {
    ...issuer.env,
    AUTH_CLIENT_ID: "gateway",
    AUTH_CLIENT_SECRET: GATEWAY_SECRET,
    COMPARE_INTERVAL_MS: "200",
  });
  urls.gateway = (await processes.start("gateway", env)).url;
}, 60_000);
afterAll(async () => {
  await issuer?.[Symbol.asyncDispose]();
});

async function caller() {
  const subject = uniqueId("u");
  const token = await issuer.token({ sub: subject, scope: "deliveries:read deliveries:write" });
  return { subject, headers: { Authorization: `Bearer ${token}` } };
}

const item = (id: string, headers: Record<string, string>) => ({ params: { path: { id } }, headers });

describe("the migration with AUTH_MODE=jwt on the gateway and both services", () => {
  it("When a client writes through the gateway, then both services store the delivery as the client's: the client reads it on each, another caller finds it on neither", async () => {
    const [owner, other] = [await caller(), await caller()];
    const id = uniqueId("auth");
    const put = await deliveryClientV2(urls.gateway).PUT("/v2/deliveries/{id}", {
      ...item(id, owner.headers),
      body: v2Delivery({ ownerId: owner.subject }),
    });
    expect(put.response.status).toBe(201);

    const onNew = await deliveryClientV2(urls.delivery).GET("/v2/deliveries/{id}", item(id, owner.headers));
    const onLegacy = await deliveryClientV1(urls.legacy).GET("/v1/deliveries/{id}", item(id, owner.headers));
    expect(onNew.data).toMatchObject({ ownerId: owner.subject });
    expect(onLegacy.data).toMatchObject({ owner: owner.subject });
    expect(
      (await deliveryClientV2(urls.delivery).GET("/v2/deliveries/{id}", item(id, other.headers))).response.status,
    ).toBe(404);
    expect(
      (await deliveryClientV1(urls.legacy).GET("/v1/deliveries/{id}", item(id, other.headers))).response.status,
    ).toBe(404);
    expect(
      (await deliveryClientV2(urls.gateway).GET("/v2/deliveries/{id}", item(id, other.headers))).response.status,
    ).toBe(404);
  });

  it("When another caller writes or deletes someone else's delivery through the gateway, or the owner hands it over, then neither side changes", async () => {
    const [owner, other] = [await caller(), await caller()];
    const id = uniqueId("auth");
    const gateway = deliveryClientV2(urls.gateway);
    const body = v2Delivery({ ownerId: owner.subject });
    const created = await gateway.PUT("/v2/deliveries/{id}", { ...item(id, owner.headers), body });
    expect(created.response.status).toBe(201);

    const takeover = await gateway.PUT("/v2/deliveries/{id}", {
      ...item(id, other.headers),
      body: { ...body, ownerId: other.subject },
    });
    expect(takeover.response.status).toBe(404);
    // Naming its owner, as a replay of the owner's body would: 404 too, as directly on either service.
    const replay = await gateway.PUT("/v2/deliveries/{id}", { ...item(id, other.headers), body });
    expect(replay.response.status).toBe(404);
    expect((replay.error as { type?: string } | undefined)?.type).toBe("urn:problem-type:delivery.not_found");
    const handover = await gateway.PUT("/v2/deliveries/{id}", {
      ...item(id, owner.headers),
      body: { ...body, ownerId: other.subject },
    });
    expect(handover.response.status).toBe(403);
    expect((handover.error as { type?: string } | undefined)?.type).toBe("urn:problem-type:delivery.owner_forbidden");
    // To the other caller the delivery is absent on both sides, so its DELETE is that of an absent one: 204, nothing done.
    expect((await gateway.DELETE("/v2/deliveries/{id}", item(id, other.headers))).response.status).toBe(204);

    const onNew = await deliveryClientV2(urls.delivery).GET("/v2/deliveries/{id}", item(id, owner.headers));
    const onLegacy = await deliveryClientV1(urls.legacy).GET("/v1/deliveries/{id}", item(id, owner.headers));
    expect(onNew.data).toMatchObject({ ownerId: owner.subject, version: 1 });
    expect(onLegacy.data).toMatchObject({ owner: owner.subject });
  });

  it("When a request to the gateway has no token, then 401; its own work (the periodic comparison) reads both sides with its own token", async () => {
    const id = uniqueId("auth");
    const anonymous = await http(`${urls.gateway}/v2/deliveries/${id}`, { method: "PUT", json: v2Delivery() });
    expect(anonymous.status).toBe(401);

    const compared = await until(async () => {
      const text = String((await http(`${urls.gateway}/metrics`)).body);
      const agreed = metricValue(text, "migration_compared_deliveries_total", { result: "agreed" }) ?? 0;
      return agreed > 0 ? text : undefined;
    }, 10_000);
    expect(compared).toBeDefined();
    expect(
      metricValue(compared ?? "", "migration_compared_deliveries_total", { result: "unreachable" }),
    ).toBeUndefined();
  });
});
