import { join } from "node:path";
import { MatchersV3, PactV3 } from "@pact-foundation/pact";
import * as v2 from "@starter/contracts/v2";
import { Coordinator, NO_JOURNAL } from "@starter/coordination";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { deliveryParticipants, type SharedDelivery } from "../src/migration/delivery-participants.ts";
import { deliverySides } from "../src/migration/delivery-sides.client.ts";
import { MigrationReads } from "../src/migration/migration-reads.ts";

const { like, regex } = MatchersV3;

/**
 * Consumer-driven contracts: what the gateway needs from each service, recorded by running the gateway's
 * own client code (the coordinator and the reads) against Pact's mock. The pact files are committed in
 * ../pacts; delivery and delivery-legacy verify them against themselves in their own test runs.
 */
const PACTS = join(import.meta.dirname, "../pacts");
const silent = pino({ level: "silent" });
const etag = regex('^"[^"]+"$', '"v2-delivery-1"');
/** The legacy side's ETags name its version, which a read it serves alone shows as version 2's `version`. */
const legacyEtag = regex('^"legacy-[0-9]+"$', '"legacy-1"');
const noDrifts = {
  record: async () => {},
  listOpen: async () => [],
  countOpen: async () => 0,
  markRepaired: async () => {},
};

/** The documented version 2 example, as the gateway holds it: with its id, and its deadline in canonical form. */
const shared: SharedDelivery = {
  ...v2.deliveryInputSchema.parse(v2.deliveryInputExample),
  id: "d-pact-1",
  deadline: "2026-12-01T10:00:00.000Z",
};

/**
 * The gateway's pact with one service, under that service's path: a read of a delivery that does not
 * exist (404), a create-only PUT of `request` (201), and a read of one that exists (200); both answers
 * with a strong ETag and the service's representation of the delivery.
 */
function deliveryPact(
  provider: string,
  path: string,
  request: Record<string, unknown>,
  representation: (id: string) => Record<string, unknown>,
  etag: ReturnType<typeof regex>,
): PactV3 {
  const pact = new PactV3({ consumer: "gateway", provider, dir: PACTS, logLevel: "warn" });
  pact
    .given("delivery d-pact-1 does not exist")
    .uponReceiving("a read of a delivery that does not exist")
    .withRequest({ method: "GET", path: `${path}/d-pact-1` })
    .willRespondWith({ status: 404 })
    .given("delivery d-pact-1 does not exist")
    .uponReceiving("a create-only PUT of a delivery")
    .withRequest({ method: "PUT", path: `${path}/d-pact-1`, headers: { "If-None-Match": "*" }, body: request })
    .willRespondWith({ status: 201, headers: { ETag: etag }, body: like(representation("d-pact-1")) })
    .given("delivery d-pact-2 exists")
    .uponReceiving("a read of a delivery that exists")
    .withRequest({ method: "GET", path: `${path}/d-pact-2` })
    .willRespondWith({ status: 200, headers: { ETag: etag }, body: like(representation("d-pact-2")) });
  return pact;
}

/**
 * The gateway's own client code, all of it sent to `side`: the coordinator creates d-pact-1, the reads read
 * d-pact-2. A read served by legacy reads the new side too; here that side is a closed port, so the legacy
 * answer stands alone (the pact is with one provider).
 */
async function createAndRead(side: "legacy" | "new", url: string): Promise<void> {
  expect((await coordinatorFor(side, url).put("d-pact-1", shared)).kind).toBe("committed");
  const split = { newPercent: side === "new" ? 100 : 0, onlyFrom: side };
  const sides = deliverySides({ legacyUrl: url, newUrl: side === "new" ? url : "http://127.0.0.1:9" });
  const reads = new MigrationReads({ sides, split, shadowReads: false }, silent);
  expect(await reads.read("d-pact-2", { requestId: "req-1", authorization: "" }, Date.now() + 5_000)).toMatchObject({
    side,
    kind: "found",
  });
}

const links = (id: string) => ({
  self: { href: `/v2/deliveries/${id}` },
  confirmation: { href: `/v2/deliveries/${id}/confirmation` },
  dropoff: { href: `/v2/deliveries/${id}/dropoff` },
});

function coordinatorFor(side: "legacy" | "new", url: string): Coordinator<SharedDelivery> {
  const participant = deliveryParticipants(deliverySides({ legacyUrl: url, newUrl: url })).find((p) => p.name === side);
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
    const representation = (id: string) => ({ ...v1Body, id, status: "created" });
    const pact = deliveryPact("delivery-legacy", "/v1/deliveries", v1Body, representation, legacyEtag);

    await pact.executeTest((server) => createAndRead("legacy", server.url));
  });
});

describe("the gateway as a consumer of delivery (version 2)", () => {
  it("When it creates a delivery and reads one back, then it needs GET (404/200 + ETag) and PUT with If-None-Match: *", async () => {
    // The whole version 2 representation: the gateway checks what it reads against the contract.
    const representation = (id: string) => ({ ...shared, id, status: "created", version: 1, _links: links(id) });
    const pact = deliveryPact("delivery", "/v2/deliveries", { ...shared }, representation, etag);

    await pact.executeTest((server) => createAndRead("new", server.url));
  });
});
