import { MongoCoordinationJournal } from "@starter/coordination/mongo";
import {
  CREATE_ONLY,
  deliveryClientV1,
  deliveryClientV2,
  etagOf,
  ifMatch,
  type V1Schemas,
  type V2Schemas,
} from "@starter/delivery-client";
import { connectTestDatabase, http, metricValue, startTcpProxy, uniqueId } from "@starter/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { useServiceProcesses, v2Delivery } from "./service-processes.ts";

/**
 * Deliveries that one side holds and the other does not, as a migration starts with them: written to the
 * legacy service before the gateway existed (or to the new one alone), then read and written through
 * gateways at every read split. Each side is written behind the gateways' backs, through its own client.
 */
const processes = useServiceProcesses();
const ITEM_V2 = "/v2/deliveries/{id}";
const ITEM_V1 = "/v1/deliveries/{id}";
const item = (id: string, headers: Record<string, string> = {}) => ({ params: { path: { id } }, headers });

/** One gateway per read split, all in front of the same two services. */
const SPLITS = {
  "0% new": { READ_NEW_PERCENT: "0" },
  "50% new": { READ_NEW_PERCENT: "50" },
  "100% new": { READ_NEW_PERCENT: "100" },
  "only new": { READ_ONLY_FROM: "new" },
  "only legacy": { READ_NEW_PERCENT: "100", READ_ONLY_FROM: "legacy" },
} as const;
type Split = keyof typeof SPLITS;
const gateways = {} as Record<Split, string>;
const sides = { legacy: "", delivery: "" };

beforeAll(async () => {
  const started = await processes.startDeliveryServices();
  [sides.legacy, sides.delivery] = [started.legacy.url, started.delivery.url];
  for (const [split, settings] of Object.entries(SPLITS)) {
    const env = processes.gatewayEnv(sides.legacy, sides.delivery, { COMPARE_INTERVAL_MS: "0", ...settings });
    gateways[split as Split] = (await processes.start("gateway", env)).url;
  }
}, 120_000);

/** A version 1 body as the legacy service's own clients send it. */
const v1Body = (overrides: Partial<V1Schemas["DeliveryInput"]> = {}): V1Schemas["DeliveryInput"] => ({
  owner: "u-7",
  pickupLocation: "10.5,20.25",
  dropoffLocation: "11,21",
  deadline: "2026-12-01T10:00:00Z",
  expedited: "yes",
  packageIds: ["p-1", "p-2"],
  ...overrides,
});

/** A delivery written to the legacy service only, as before the gateway existed; its legacy ETag. */
async function legacyOnly(prefix: string, overrides: Partial<V1Schemas["DeliveryInput"]> = {}) {
  const id = uniqueId(prefix);
  const written = await deliveryClientV1(sides.legacy).PUT(ITEM_V1, { ...item(id), body: v1Body(overrides) });
  expect(written.response.status).toBe(201);
  return { id, etag: etagOf(written.response) };
}

const readThrough = (gateway: string, id: string, headers: Record<string, string> = {}) =>
  deliveryClientV2(gateway).GET(ITEM_V2, item(id, headers));
const putThrough = (gateway: string, id: string, body: V2Schemas["DeliveryInput"], headers = {}) =>
  deliveryClientV2(gateway).PUT(ITEM_V2, { ...item(id, headers), body });
const onNewSide = (id: string) => deliveryClientV2(sides.delivery).GET(ITEM_V2, item(id));
const onLegacy = (id: string) => deliveryClientV1(sides.legacy).GET(ITEM_V1, item(id));

/** A read's body as the request a client sends back: the read-only members left out. */
function asInput(delivery: V2Schemas["Delivery"] | undefined): V2Schemas["DeliveryInput"] {
  if (!delivery) throw new Error("no delivery was read");
  const { status: _status, version: _version, _links, ...input } = delivery;
  return input;
}

const fallbacks = async (split: Split, labels: Record<string, string>) =>
  metricValue(String((await http(`${gateways[split]}/metrics`)).body), "migration_read_fallbacks_total", labels) ?? 0;

describe("no read through the gateway loses a record one side alone holds", () => {
  it("When legacy alone holds deliveries, then every read answers each of them at every split, as the legacy-routed read does, and copies nothing", async () => {
    const records = await Promise.all(Array.from({ length: 40 }, () => legacyOnly("lo")));
    const lost = Object.fromEntries(Object.keys(SPLITS).map((split) => [split, 0])) as Record<Split, number>;
    const unlike: string[] = [];

    for (const { id, etag } of records) {
      // The legacy-routed read of a delivery the new side does not hold: what every other split must answer.
      const reference = await readThrough(gateways["only legacy"], id);
      expect(etagOf(reference.response)).toBe(etag);
      for (const split of Object.keys(SPLITS) as Split[]) {
        const read = await readThrough(gateways[split], id);
        if (read.response.status === 404) lost[split] += 1;
        else if (
          read.response.status !== 200 ||
          etagOf(read.response) !== etag ||
          read.response.headers.get("x-served-by") !== "legacy" ||
          JSON.stringify(read.data) !== JSON.stringify(reference.data)
        )
          unlike.push(`${split} ${id}: ${read.response.status}`);
      }
    }

    expect(lost).toEqual({ "0% new": 0, "50% new": 0, "100% new": 0, "only new": 0, "only legacy": 0 });
    expect(unlike).toEqual([]);
    // The split sent some of them to the new side at 50 %, all of them at 100 %: each was a fallback, counted.
    const found = { from: "new", to: "legacy", result: "found" };
    expect(await fallbacks("50% new", found)).toBeGreaterThan(0);
    expect(await fallbacks("50% new", found)).toBeLessThan(records.length);
    expect(await fallbacks("100% new", found)).toBe(records.length);
    expect(await fallbacks("only new", found)).toBe(records.length);
    // A read copies nothing: the new side still lacks every one of them.
    for (const { id } of records) expect((await onNewSide(id)).response.status).toBe(404);
  }, 60_000);

  it("When the new side alone holds a delivery, then a read the split gives to legacy answers it from the new side, with its ETag", async () => {
    const id = uniqueId("no");
    const written = await deliveryClientV2(sides.delivery).PUT(ITEM_V2, { ...item(id), body: v2Delivery() });

    for (const split of ["0% new", "only legacy"] as const) {
      const read = await readThrough(gateways[split], id);

      expect(read.response.status).toBe(200);
      expect(read.response.headers.get("x-served-by")).toBe("new");
      expect(etagOf(read.response)).toBe(etagOf(written.response));
      expect(read.data).toEqual(written.data);
      expect(await fallbacks(split, { from: "legacy", to: "new", result: "found" })).toBeGreaterThan(0);
    }
  });

  it("When neither side holds a delivery, then every split answers 404, and the fallback counts it absent", async () => {
    const id = uniqueId("none");
    for (const split of Object.keys(SPLITS) as Split[])
      expect([split, (await readThrough(gateways[split], id)).response.status]).toEqual([split, 404]);
    expect(await fallbacks("only new", { from: "new", to: "legacy", result: "absent" })).toBeGreaterThan(0);
  });

  it("When a client's If-None-Match names the legacy ETag it was shown, then 304 from a new-side split too", async () => {
    const { id, etag } = await legacyOnly("lo");

    expect((await readThrough(gateways["100% new"], id, { "If-None-Match": etag })).response.status).toBe(304);
  });
});

describe("a write through the gateway to an id legacy alone holds", () => {
  it("When the client PUTs what it read with one change and If-Match naming the legacy ETag it was shown, then both sides hold it, and that ETag then no longer holds", async () => {
    const { id } = await legacyOnly("lo");
    const shown = await readThrough(gateways["100% new"], id);
    const changed = { ...asInput(shown.data), dropoff: { latitude: 12, longitude: 22 } };

    const put = await putThrough(gateways["100% new"], id, changed, ifMatch(etagOf(shown.response)));

    expect(put.response.status).toBe(200);
    const stored = await onNewSide(id);
    expect(stored.response.status).toBe(200);
    // The new side holds legacy's state (its members, v1's package defaults) with the client's change.
    expect(asInput(stored.data)).toEqual(changed);
    expect((await onLegacy(id)).data).toMatchObject({ dropoffLocation: "12,22", pickupLocation: "10.5,20.25" });
    const again = await readThrough(gateways["100% new"], id);
    expect([again.response.headers.get("x-served-by"), etagOf(again.response)]).toEqual([
      "new",
      etagOf(stored.response),
    ]);
    const stale = await putThrough(gateways["100% new"], id, changed, ifMatch(etagOf(shown.response)));
    expect(stale.response.status).toBe(412);
  });

  it("When the client's If-Match is not legacy's current ETag, or it sends If-None-Match: *, then 412 and neither side changes", async () => {
    const { id, etag } = await legacyOnly("lo");
    const body = v2Delivery({ ownerId: "u-7" });

    for (const condition of [ifMatch('"legacy-0"'), ifMatch('"v2-delivery-1"'), CREATE_ONLY])
      expect((await putThrough(gateways["100% new"], id, body, condition)).response.status).toBe(412);
    expect(etagOf((await onLegacy(id)).response)).toBe(etag);
    expect((await onNewSide(id)).response.status).toBe(404);
  });

  it("When the new side refuses the write, then legacy is put back as it was and the new side still lacks it", async () => {
    const { id } = await legacyOnly("lo");
    const before = (await onLegacy(id)).data;
    // Weights exist only in version 2: the legacy side takes the write, the new side refuses it (422).
    const refused = { ...v2Delivery({ ownerId: "u-7" }), packages: [{ id: "p-1", size: "small", weightKg: 0 }] };

    const put = await putThrough(gateways["100% new"], id, refused as V2Schemas["DeliveryInput"]);

    expect(put.response.status).toBe(422);
    expect((await onLegacy(id)).data).toEqual(before);
    expect((await onNewSide(id)).response.status).toBe(404);
    expect((await readThrough(gateways["100% new"], id)).response.status).toBe(200);
  });

  it("When the client DELETEs it with If-Match naming the legacy ETag, then it is gone on both sides", async () => {
    const { id, etag } = await legacyOnly("lo");

    const deleted = await deliveryClientV2(gateways["100% new"]).DELETE(ITEM_V2, item(id, ifMatch(etag)));

    expect(deleted.response.status).toBe(204);
    expect((await onLegacy(id)).response.status).toBe(404);
    for (const split of Object.keys(SPLITS) as Split[])
      expect((await readThrough(gateways[split], id)).response.status).toBe(404);
  });

  it("When the new side is down, then the PUT is 503 and changes nothing, the record is still read, and the same PUT lands on both once it is back", async () => {
    const { legacy, delivery } = await processes.startDeliveryServices();
    await using deliveryProxy = await startTcpProxy(delivery.url);
    const env = processes.gatewayEnv(legacy.url, deliveryProxy.uri, {
      COMPARE_INTERVAL_MS: "0",
      PARTICIPANT_TIMEOUT_MS: "500",
    });
    const gateway = (await processes.start("gateway", env)).url;
    const id = uniqueId("lo");
    const written = await deliveryClientV1(legacy.url).PUT(ITEM_V1, { ...item(id), body: v1Body() });
    const etag = etagOf(written.response);
    const body = v2Delivery({ ownerId: "u-7", expedited: false });
    deliveryProxy.resetConnections(true);

    const refused = await putThrough(gateway, id, body, ifMatch(etag));

    expect(refused.response.status).toBe(503);
    expect(refused.response.headers.get("retry-after")).toBe("2");
    const kept = await deliveryClientV1(legacy.url).GET(ITEM_V1, item(id));
    expect([etagOf(kept.response), kept.data]).toEqual([etag, written.data]);
    const read = await readThrough(gateway, id);
    expect([read.response.status, etagOf(read.response)]).toEqual([200, etag]);
    // Nothing was written, so nothing is left for recovery: the coordination is not in the journal unfinished.
    await using database = await connectTestDatabase();
    const journal = new MongoCoordinationJournal(database.client.db(env.MONGODB_DB));
    expect(await journal.listUnfinished(new Date(Date.now() + 60_000))).toEqual([]);

    deliveryProxy.resetConnections(false);
    const retried = await putThrough(gateway, id, body, ifMatch(etag));

    expect(retried.response.status).toBe(200);
    expect(asInput((await deliveryClientV2(delivery.url).GET(ITEM_V2, item(id))).data)).toMatchObject({
      id,
      expedited: false,
    });
    expect((await deliveryClientV1(legacy.url).GET(ITEM_V1, item(id))).data).toMatchObject({ expedited: "no" });
  }, 60_000);
});
