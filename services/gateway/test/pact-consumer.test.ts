import { join } from "node:path";
import { MatchersV3, PactV3 } from "@pact-foundation/pact";
import { Coordinator, NO_JOURNAL } from "@starter/coordination";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { deliveryParticipants, type SharedDelivery } from "../src/migration/delivery-participants.ts";
import { MigrationReads } from "../src/migration/migration-reads.ts";

const { like, regex } = MatchersV3;

/**
 * Consumer-driven contracts: what the gateway needs from each service, recorded by running the gateway's
 * own client code (the coordinator and the reads) against Pact's mock. The pact files are committed in
 * ../pacts; delivery and delivery-legacy verify them against themselves in their own test runs.
 */
const PACTS = join(import.meta.dirname, "../pacts");
const silent = pino({ level: "silent" });
const etag = regex('^"[^"]+"$', '"v1-delivery-1"');
const noDrifts = { record: async () => {}, listOpen: async () => [], markRepaired: async () => {} };

const shared: SharedDelivery = {
  id: "d-pact-1",
  ownerId: "u-42",
  pickup: { latitude: 47.6205, longitude: -122.3493 },
  dropoff: { latitude: 47.6097, longitude: -122.3331 },
  deadline: "2026-12-01T10:00:00.000Z",
  expedited: false,
  packages: [{ id: "p-1", size: "small", weightKg: 1.2 }],
};

const links = (id: string) => ({
  self: { href: `/v2/deliveries/${id}` },
  confirmation: { href: `/v2/deliveries/${id}/confirmation` },
  dropoff: { href: `/v2/deliveries/${id}/dropoff` },
});

function coordinatorFor(side: "legacy" | "new", url: string): Coordinator<SharedDelivery> {
  const participant = deliveryParticipants({ legacyUrl: url, newUrl: url }).find((p) => p.name === side);
  if (!participant) throw new Error(side);
  return new Coordinator({ participants: [participant], driftStore: noDrifts, journal: NO_JOURNAL, log: silent });
}

describe("the gateway as a consumer of delivery-legacy (version 1)", () => {
  it("When it creates a delivery and reads one, then it needs GET (404/200 + ETag) and PUT with If-None-Match: *", async () => {
    const v1Body = {
      id: "d-pact-1",
      owner: "u-42",
      pickupLocation: "47.6205,-122.3493",
      dropoffLocation: "47.6097,-122.3331",
      deadline: "2026-12-01T10:00:00.000Z",
      expedited: "no",
      packageIds: ["p-1"],
    };
    const pact = new PactV3({ consumer: "gateway", provider: "delivery-legacy", dir: PACTS, logLevel: "warn" });
    pact
      .given("delivery d-pact-1 does not exist")
      .uponReceiving("a read of a delivery that does not exist")
      .withRequest({ method: "GET", path: "/v1/deliveries/d-pact-1" })
      .willRespondWith({ status: 404 })
      .given("delivery d-pact-1 does not exist")
      .uponReceiving("a create-only PUT of a delivery")
      .withRequest({ method: "PUT", path: "/v1/deliveries/d-pact-1", headers: { "If-None-Match": "*" }, body: v1Body })
      .willRespondWith({ status: 201, headers: { ETag: etag }, body: like({ ...v1Body, status: "created" }) })
      .given("delivery d-pact-2 exists")
      .uponReceiving("a read of a delivery that exists")
      .withRequest({ method: "GET", path: "/v1/deliveries/d-pact-2" })
      .willRespondWith({
        status: 200,
        headers: { ETag: etag },
        body: like({ ...v1Body, id: "d-pact-2", status: "created" }),
      });

    await pact.executeTest(async (server) => {
      expect((await coordinatorFor("legacy", server.url).put("d-pact-1", shared)).kind).toBe("committed");
      const reads = new MigrationReads(
        { legacyUrl: server.url, newUrl: server.url, split: { newPercent: 0, onlyFrom: "legacy" }, shadowReads: false },
        silent,
      );
      expect(await reads.read("d-pact-2", "req-1")).toMatchObject({ side: "legacy", kind: "found" });
    });
  });
});

describe("the gateway as a consumer of delivery (version 2)", () => {
  it("When it creates a delivery and reads one back, then it needs GET (404/200 + ETag) and PUT with If-None-Match: *", async () => {
    const pact = new PactV3({ consumer: "gateway", provider: "delivery", dir: PACTS, logLevel: "warn" });
    const stored = like({ ...shared, status: "created", version: 1 });
    pact
      .given("delivery d-pact-1 does not exist")
      .uponReceiving("a read of a delivery that does not exist")
      .withRequest({ method: "GET", path: "/v2/deliveries/d-pact-1" })
      .willRespondWith({ status: 404 })
      .given("delivery d-pact-1 does not exist")
      .uponReceiving("a create-only PUT of a delivery")
      .withRequest({
        method: "PUT",
        path: "/v2/deliveries/d-pact-1",
        headers: { "If-None-Match": "*" },
        body: { ...shared },
      })
      .willRespondWith({ status: 201, headers: { ETag: etag }, body: stored })
      .given("delivery d-pact-2 exists")
      .uponReceiving("a read of a delivery that exists")
      .withRequest({ method: "GET", path: "/v2/deliveries/d-pact-2" })
      .willRespondWith({
        status: 200,
        headers: { ETag: etag },
        // The whole version 2 representation: the gateway checks what it reads against the contract.
        body: like({ ...shared, id: "d-pact-2", status: "created", version: 1, _links: links("d-pact-2") }),
      });

    await pact.executeTest(async (server) => {
      expect((await coordinatorFor("new", server.url).put("d-pact-1", shared)).kind).toBe("committed");
      const reads = new MigrationReads(
        { legacyUrl: server.url, newUrl: server.url, split: { newPercent: 100, onlyFrom: "new" }, shadowReads: false },
        silent,
      );
      expect(await reads.read("d-pact-2", "req-1")).toMatchObject({ side: "new", kind: "found" });
    });
  });
});
