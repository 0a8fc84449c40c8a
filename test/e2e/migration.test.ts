import { randomUUID } from "node:crypto";
import { MongoCoordinationJournal, MongoDriftStore } from "@starter/coordination/mongo";
import { deliveryClientV1, deliveryClientV2, etagOf, ifMatch, type V1Schemas } from "@starter/delivery-client";
import { connectTestDatabase, http, metricValue, uniqueId } from "@starter/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { runServiceCommand } from "./delivery-process.ts";
import { useServiceProcesses, v2Delivery } from "./service-processes.ts";

/**
 * The three services of the migration as processes, each with its own database on the run's server, called
 * as their consumers call them: through the clients generated from the documents. (`/migration/stats` and
 * `/readyz` are in no document: plain requests.)
 */
const processes = useServiceProcesses();
let gatewayUrl = "";
const sides = { legacy: "", delivery: "" };
let gatewayEnv: Record<string, string> = {};
let gateway = deliveryClientV2("http://127.0.0.1:9");
let fresh = deliveryClientV2("http://127.0.0.1:9");
let legacy = deliveryClientV1("http://127.0.0.1:9");
const ITEM_V2 = "/v2/deliveries/{id}";
const ITEM_V1 = "/v1/deliveries/{id}";
const item = (id: string) => ({ params: { path: { id } } });

beforeAll(async () => {
  const started = await processes.startDeliveryServices();
  [sides.legacy, sides.delivery] = [started.legacy.url, started.delivery.url];
  gatewayEnv = processes.gatewayEnv(sides.legacy, sides.delivery, {
    READ_NEW_PERCENT: "0",
    SHADOW_READS: "true",
    COMPARE_INTERVAL_MS: "300",
    COMPARE_SAMPLE_SIZE: "50",
  });
  gatewayUrl = (await processes.start("gateway", gatewayEnv)).url;
  gateway = deliveryClientV2(gatewayUrl);
  fresh = deliveryClientV2(sides.delivery);
  legacy = deliveryClientV1(sides.legacy);
}, 60_000);

/** Expedited and with a large package, so that each side's mapping of them shows in what it stores. */
const v2Body = (overrides: Record<string, unknown> = {}) =>
  v2Delivery({ expedited: true, packages: [{ id: "p-1", size: "large", weightKg: 4 }], ...overrides });

/** A version 1 body as a legacy client sends it, behind the gateway's back. */
const v1Body = (owner: string, packageIds: string[]): V1Schemas["DeliveryInput"] => ({
  owner,
  pickupLocation: "1,1",
  dropoffLocation: "2,2",
  deadline: "2026-12-01T10:00:00Z",
  packageIds,
});

describe("the migration gateway in front of the legacy and the new service", () => {
  it("When a delivery is PUT through the gateway, then both services hold it, each in its own contract version", async () => {
    const id = uniqueId("m");
    const put = await gateway.PUT(ITEM_V2, { ...item(id), body: v2Body() });

    expect(put.response.status).toBe(201);
    expect(put.response.headers.get("x-coordination-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect((await legacy.GET(ITEM_V1, item(id))).data).toMatchObject({
      owner: "u-42",
      pickupLocation: "47.6205,-122.3493",
      expedited: "yes",
      packageIds: ["p-1"],
    });
    const stored = await fresh.GET(ITEM_V2, item(id));
    expect(stored.data).toMatchObject({ packages: [{ id: "p-1", size: "large", weightKg: 4 }] });
    // The gateway answers with the new service's stored state, as the new service would.
    expect(put.data).toEqual(stored.data);
    expect(etagOf(put.response)).toBe(etagOf(stored.response));
    expect((await gateway.PUT(ITEM_V2, { ...item(id), body: v2Body() })).response.status).toBe(200);
  });

  it("When the new service refuses the request, then the legacy service is put back and the client gets the refusal", async () => {
    const id = uniqueId("m");
    // Weights exist only in version 2: the legacy service accepts what the new one refuses.
    const put = await gateway.PUT(ITEM_V2, {
      ...item(id),
      body: v2Body({ packages: [{ id: "p-1", size: "small", weightKg: 0 }] }),
    });

    expect(put.response.status).toBe(422);
    expect(put.error?.type).toBe("urn:problem-type:delivery.rule_violated");
    expect((await legacy.GET(ITEM_V1, item(id))).response.status).toBe(404);
    expect((await fresh.GET(ITEM_V2, item(id))).response.status).toBe(404);
  });

  it("When a delivery is read, then the configured side answers in version 2, and the shadow read finds no mismatch", async () => {
    const id = uniqueId("m");
    await gateway.PUT(ITEM_V2, { ...item(id), body: v2Body() });
    const read = await gateway.GET(ITEM_V2, item(id));

    expect(read.response.status).toBe(200);
    expect(read.response.headers.get("x-served-by")).toBe("legacy");
    expect(read.data).toMatchObject({
      id,
      ownerId: "u-42",
      pickup: { latitude: 47.6205, longitude: -122.3493 },
      expedited: true,
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const stats = await http(`${gatewayUrl}/migration/stats`);
    expect(stats.body.shadowReads.reads).toBeGreaterThan(0);
    expect(stats.body.shadowReads.mismatches).toBe(0);
    const metrics = String((await http(`${gatewayUrl}/metrics`)).body);
    expect(metricValue(metrics, "migration_shadow_reads_total", { result: "agreed" })).toBeGreaterThan(0);
    expect(metricValue(metrics, "migration_shadow_reads_total", { result: "different" })).toBeUndefined();
  });

  it("When a delivery is DELETEd through the gateway, then both services lose it", async () => {
    const id = uniqueId("m");
    await gateway.PUT(ITEM_V2, { ...item(id), body: v2Body() });

    expect((await gateway.DELETE(ITEM_V2, item(id))).response.status).toBe(204);
    expect((await legacy.GET(ITEM_V1, item(id))).response.status).toBe(404);
    expect((await fresh.GET(ITEM_V2, item(id))).response.status).toBe(404);
  });

  it("When the gateway's readiness is asked, then it includes both services", async () => {
    expect((await http(`${gatewayUrl}/readyz`)).status).toBe(200);
  });

  it("When each service's /metrics is read after requests, then it shows its requests, its pool and Node's runtime", async () => {
    const id = uniqueId("m");
    await gateway.PUT(ITEM_V2, { ...item(id), body: v2Body() });
    await gateway.GET(ITEM_V2, item(id));

    for (const url of [gatewayUrl, sides.delivery, sides.legacy]) {
      const metrics = await http(`${url}/metrics`);
      const text = String(metrics.body);

      expect(metrics.headers.get("content-type")).toContain("text/plain");
      expect(
        metricValue(text, "http_server_request_duration_seconds_count", { http_request_method: "PUT" }),
      ).toBeGreaterThan(0);
      expect(metricValue(text, "db_client_connection_count", { db_client_connection_state: "idle" })).toBeDefined();
      expect(metricValue(text, "nodejs_eventloop_lag_seconds")).toBeDefined();
    }
    const gatewayText = String((await http(`${gatewayUrl}/metrics`)).body);
    expect(metricValue(gatewayText, "coordination_duration_seconds_count", { outcome: "committed" })).toBeGreaterThan(
      0,
    );
  });
});

describe("the periodic comparison of both sides", () => {
  it("When the sides disagree on a delivery behind the gateway's back, then the comparison finds and counts it", async () => {
    const id = uniqueId("cmp");
    await gateway.PUT(ITEM_V2, { ...item(id), body: v2Body() });
    const etag = etagOf((await legacy.GET(ITEM_V1, item(id))).response);
    const changed = await legacy.PUT(ITEM_V1, {
      ...item(id),
      headers: ifMatch(etag),
      body: v1Body("changed-behind-the-back", ["p-1"]),
    });
    expect(changed.response.status).toBe(200);

    let found = false;
    for (let i = 0; i < 100 && !found; i++) {
      const stats = await http(`${gatewayUrl}/migration/stats`);
      found = stats.body.comparison.lastDifferentIds.includes(id);
      if (!found) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(found).toBe(true);
  }, 20_000);
});

describe("the reconciliation command", () => {
  it("When the sides disagree and a drift is open, then `reconcile list` shows it and `reconcile repair` makes the legacy side follow the new one", async () => {
    const id = uniqueId("drift");
    await legacy.PUT(ITEM_V1, { ...item(id), body: v1Body("stale", ["p-0"]) });
    await fresh.PUT(ITEM_V2, { ...item(id), body: v2Body() });
    const coordinationId = randomUUID();
    await using database = await connectTestDatabase();
    await new MongoDriftStore(database.client.db(gatewayEnv.MONGODB_DB)).record({
      coordinationId,
      resourceId: id,
      detectedAt: new Date(),
      cause: { participant: "new", status: 422, detail: "made for this test" },
      participants: [],
    });

    const listed = await runServiceCommand("gateway", "reconcile-cli.js", ["list"], gatewayEnv);
    expect(listed.stdout).toContain(coordinationId);

    const repaired = await runServiceCommand("gateway", "reconcile-cli.js", ["repair", coordinationId], gatewayEnv);
    expect(repaired.code).toBe(0);
    const { repair } = JSON.parse(repaired.stdout);
    expect(repair.kind).toBe("committed");
    // The command waited for its coordination's journal entry to be finished before it closed the database.
    const journal = new MongoCoordinationJournal(database.client.db(gatewayEnv.MONGODB_DB));
    const unfinished = await journal.listUnfinished(new Date(Date.now() + 60_000));
    expect(unfinished.map((entry) => entry.coordinationId)).not.toContain(repair.coordinationId);
    expect((await legacy.GET(ITEM_V1, item(id))).data).toMatchObject({ owner: "u-42", packageIds: ["p-1"] });
    expect((await runServiceCommand("gateway", "reconcile-cli.js", ["list"], gatewayEnv)).stdout).not.toContain(
      coordinationId,
    );
  }, 30_000);
});
