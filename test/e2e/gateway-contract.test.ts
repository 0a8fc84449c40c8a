import { CREATE_ONLY, deliveryClientV2, etagOf, ifMatch, type V2Schemas } from "@starter/delivery-client";
import { http, httpRawPath, startTcpProxy, uniqueId } from "@starter/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { until, useServiceProcesses, v2Delivery } from "./service-processes.ts";

/**
 * The gateway as its clients call it: through the client generated from the version 2 document. Raw
 * requests only where a test leaves the contract on purpose (a path a client does not normalise, an
 * undeclared method) or reads what no document describes (`/migration/stats`).
 */
const processes = useServiceProcesses();
/** Two gateways over the same two services: one reads from legacy (the default split), one from the new side. */
const gateways = { legacyReads: "", newReads: "" };

beforeAll(async () => {
  const { legacy, delivery } = await processes.startDeliveryServices();
  const env = processes.gatewayEnv(legacy.url, delivery.url, { COMPARE_INTERVAL_MS: "0" });
  gateways.legacyReads = (await processes.start("gateway", env)).url;
  gateways.newReads = (await processes.start("gateway", { ...env, READ_NEW_PERCENT: "100" })).url;
}, 60_000);

const ITEM = "/v2/deliveries/{id}";
const item = (id: string, headers: Record<string, string> = {}) => ({ params: { path: { id } }, headers });
const put = (gateway: string, id: string, headers: Record<string, string> = {}, body = v2Delivery()) =>
  deliveryClientV2(gateway).PUT(ITEM, { ...item(id, headers), body });
const read = (gateway: string, id: string, headers: Record<string, string> = {}) =>
  deliveryClientV2(gateway).GET(ITEM, item(id, headers));

describe("the gateway speaks the version 2 contract", () => {
  it("When a PUT carries a stale If-Match, then 412 problem+json and neither service changes", async () => {
    const id = uniqueId("g");
    const created = await put(gateways.newReads, id);
    await put(gateways.newReads, id, {}, v2Delivery({ ownerId: "u-2" }));

    const stale = await put(gateways.newReads, id, ifMatch(etagOf(created.response)), v2Delivery({ ownerId: "u-3" }));

    expect(created.response.status).toBe(201);
    expect(stale.response.status).toBe(412);
    expect(stale.response.headers.get("content-type")).toContain("application/problem+json");
    expect((await read(gateways.newReads, id)).data?.ownerId).toBe("u-2");
    expect((await read(gateways.legacyReads, id)).data?.ownerId).toBe("u-2");
  });

  it("When a PUT's If-Match is the current ETag, or If-None-Match: * meets nothing, then the write goes through", async () => {
    const id = uniqueId("g");
    const created = await put(gateways.newReads, id, CREATE_ONLY);
    const replaced = await put(
      gateways.newReads,
      id,
      ifMatch(etagOf(created.response)),
      v2Delivery({ ownerId: "u-9" }),
    );
    const deleted = await deliveryClientV2(gateways.newReads).DELETE(ITEM, item(id, ifMatch('"v2-delivery-1"')));

    expect(created.response.status).toBe(201);
    expect(replaced.response.status).toBe(200);
    expect((await put(gateways.newReads, id, CREATE_ONLY)).response.status).toBe(412);
    expect(deleted.response.status).toBe(412);
  });

  it("When a GET's If-None-Match names the state it would answer, then 304, from whichever side reads", async () => {
    const id = uniqueId("g");
    await put(gateways.newReads, id);
    for (const gateway of [gateways.newReads, gateways.legacyReads]) {
      const first = await read(gateway, id);
      const again = await read(gateway, id, { "If-None-Match": etagOf(first.response) });

      expect([first.response.status, again.response.status]).toEqual([200, 304]);
    }
  });

  it("When a delivery does not exist, then 404 is the gateway's own problem+json, for the version 2 path", async () => {
    for (const gateway of [gateways.newReads, gateways.legacyReads]) {
      const id = uniqueId("missing");
      const { response, error } = await read(gateway, id);

      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
      expect(error).toMatchObject({ type: "urn:problem-type:delivery.not_found", status: 404 });
      expect(error?.instance).toMatch(new RegExp(`^/v2/deliveries/${id}#request-`));
    }
  });

  it("When a PUT carries a deadline or a weight outside the contract's bounds, then 422 problem+json and neither side holds it; at the bounds, 201 on both", async () => {
    const outside: [string, Partial<V2Schemas["DeliveryInput"]>][] = [
      ["/deadline", { deadline: "0000-01-01T00:00:00Z" }],
      ["/deadline", { deadline: "2100-01-01T00:00:00Z" }],
      // Only the new side knows weights: legacy takes the write, and is put back when the new side refuses.
      ["/packages/0/weightKg", { packages: [{ id: "p-1", size: "small", weightKg: 1e308 }] }],
    ];
    for (const [pointer, change] of outside) {
      const id = uniqueId("g");
      const refused = await put(gateways.newReads, id, {}, v2Delivery(change));

      expect([pointer, refused.response.status]).toEqual([pointer, 422]);
      expect(refused.response.headers.get("content-type")).toContain("application/problem+json");
      expect(refused.error).toMatchObject({ type: "urn:problem-type:delivery.rule_violated" });
      for (const gateway of [gateways.newReads, gateways.legacyReads])
        expect((await read(gateway, id)).response.status).toBe(404);
    }

    const id = uniqueId("g");
    const limits = v2Delivery({
      deadline: "2099-12-31T23:59:59.999Z",
      packages: [{ id: "p-1", size: "large", weightKg: 1000 }],
    });
    expect((await put(gateways.newReads, id, {}, limits)).response.status).toBe(201);
    for (const gateway of [gateways.newReads, gateways.legacyReads])
      expect((await read(gateway, id)).data?.deadline).toBe("2099-12-31T23:59:59.999Z");
  });

  it("When the id is . or .. (a client that does not normalise paths sends it as is), then 400, not a 502 from a side", async () => {
    for (const id of [".", ".."]) {
      const response = await httpRawPath(gateways.newReads, `/v2/deliveries/${id}`, {
        method: "PUT",
        json: v2Delivery(),
      });

      expect(response.status).toBe(400);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
    }
  });

  it("When a side cannot be reached, then 503 problem+json with Retry-After, for a read and a write; the write changes nothing", async () => {
    const { legacy, delivery } = await processes.startDeliveryServices();
    await using legacyProxy = await startTcpProxy(legacy.url);
    const env = processes.gatewayEnv(legacyProxy.uri, delivery.url, {
      COMPARE_INTERVAL_MS: "0",
      PARTICIPANT_TIMEOUT_MS: "500",
    });
    const gateway = await processes.start("gateway", env);
    const id = uniqueId("g");
    await legacyProxy.cut();

    for (const answer of [await read(gateway.url, id), await put(gateway.url, id)]) {
      expect(answer.response.status).toBe(503);
      expect(answer.error).toMatchObject({ type: "urn:problem-type:gateway.service_unreachable" });
      expect(answer.response.headers.get("retry-after")).toBe("2");
    }
    expect((await read(delivery.url, id)).response.status).toBe(404);
  });

  it("When a side hangs, then the client is answered 504 with Retry-After by the request deadline, and a write changes nothing", async () => {
    const { legacy, delivery } = await processes.startDeliveryServices();
    await using legacyProxy = await startTcpProxy(legacy.url);
    const env = processes.gatewayEnv(legacyProxy.uri, delivery.url, {
      COMPARE_INTERVAL_MS: "0",
      REQUEST_DEADLINE_MS: "1500",
    });
    const gateway = await processes.start("gateway", env);
    const id = uniqueId("g");
    legacyProxy.delayRequests(20_000);

    for (const send of [() => read(gateway.url, id), () => put(gateway.url, id)]) {
      const started = Date.now();
      const answer = await send();

      expect(answer.response.status).toBe(504);
      expect(answer.error).toMatchObject({ type: "urn:problem-type:gateway.timeout" });
      expect(answer.response.headers.get("retry-after")).toBe("2");
      expect(Date.now() - started).toBeLessThan(3_500);
    }
    expect((await read(delivery.url, id)).response.status).toBe(404);
  }, 30_000);

  it("When a side is unreachable during the periodic comparison, then its ids are counted as unreachable, not as differences", async () => {
    const { legacy, delivery } = await processes.startDeliveryServices();
    await using legacyProxy = await startTcpProxy(legacy.url);
    const env = processes.gatewayEnv(legacyProxy.uri, delivery.url, {
      COMPARE_INTERVAL_MS: "100",
      PARTICIPANT_TIMEOUT_MS: "300",
    });
    const gateway = await processes.start("gateway", env);
    const comparison = async () => (await http(`${gateway.url}/migration/stats`)).body.comparison;
    expect((await put(gateway.url, uniqueId("g"))).response.status).toBe(201);
    // A comparison running while the PUT wrote one side and not yet the other rightly saw a difference:
    // the baseline is taken once two more ids were judged, so at least one run started after the PUT.
    const judged = (c: { compared: number; unreachable: number }) => c.compared + c.unreachable;
    const afterPut = judged(await comparison());
    const baseline = await until(async () => {
      const now = await comparison();
      return judged(now) >= afterPut + 2 ? now : undefined;
    }, 10_000);
    await legacyProxy.cut();

    const stats = await until(async () => {
      const now = await comparison();
      return now.unreachable > (baseline?.unreachable ?? 0) ? now : undefined;
    }, 10_000);

    expect(stats?.differences).toBe(baseline?.differences);
  }, 30_000);

  it("When the legacy side serves a read, then it is still a whole version 2 delivery: version, links, the package sizes written, a version 2 ETag", async () => {
    const id = uniqueId("g");
    const packages: V2Schemas["Package"][] = [{ id: "p-9", size: "large", weightKg: 7.5 }];
    const written = await put(gateways.newReads, id, {}, v2Delivery({ packages }));
    const served = await read(gateways.legacyReads, id);

    expect(served.response.headers.get("x-served-by")).toBe("legacy");
    expect(served.data).toEqual(written.data);
    expect(served.data).toMatchObject({ version: 1, packages, _links: { self: { href: `/v2/deliveries/${id}` } } });
    expect(etagOf(served.response)).toBe(etagOf(written.response));
  });

  it("When the document is read, then it is the gateway's version 2 operations; an undeclared method is a 405", async () => {
    const document = await http(`${gateways.newReads}/v2/openapi.json`);
    const patch = await http(`${gateways.newReads}/v2/deliveries/d-1`, { method: "PATCH", json: {} });

    expect(Object.keys(document.body.paths["/v2/deliveries/{id}"]).toSorted()).toEqual(["delete", "get", "put"]);
    expect(patch.status).toBe(405);
    expect(patch.headers.get("allow")).toContain("PUT");
  });
});
