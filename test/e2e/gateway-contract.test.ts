import { http, httpRawPath, startTcpProxy, uniqueId } from "@starter/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { until, useServiceProcesses, v2Delivery } from "./service-processes.ts";

const processes = useServiceProcesses();
/** Two gateways over the same two services: one reads from legacy (the default split), one from the new side. */
const gateways = { legacyReads: "", newReads: "" };

beforeAll(async () => {
  const { legacy, delivery } = await processes.startDeliveryServices();
  const env = processes.gatewayEnv(legacy.url, delivery.url, { COMPARE_INTERVAL_MS: "0" });
  gateways.legacyReads = (await processes.start("gateway", env)).url;
  gateways.newReads = (await processes.start("gateway", { ...env, READ_NEW_PERCENT: "100" })).url;
}, 60_000);

const deliveryAt = (gateway: string, id: string) => `${gateway}/v2/deliveries/${id}`;
const put = (url: string, headers: Record<string, string> = {}, body = v2Delivery()) =>
  http(url, { method: "PUT", json: body, headers });

describe("the gateway speaks the version 2 contract", () => {
  it("When a PUT carries a stale If-Match, then 412 problem+json and neither service changes", async () => {
    const url = deliveryAt(gateways.newReads, uniqueId("g"));
    const created = await put(url);
    const etag = created.headers.get("etag") ?? "";
    await put(url, {}, v2Delivery({ ownerId: "u-2" }));

    const stale = await put(url, { "If-Match": etag }, v2Delivery({ ownerId: "u-3" }));

    expect(created.status).toBe(201);
    expect(stale.status).toBe(412);
    expect(stale.headers.get("content-type")).toContain("application/problem+json");
    expect((await http(url)).body.ownerId).toBe("u-2");
    expect((await http(url.replace(gateways.newReads, gateways.legacyReads))).body.ownerId).toBe("u-2");
  });

  it("When a PUT's If-Match is the current ETag, or If-None-Match: * meets nothing, then the write goes through", async () => {
    const url = deliveryAt(gateways.newReads, uniqueId("g"));
    const created = await put(url, { "If-None-Match": "*" });
    const replaced = await put(url, { "If-Match": created.headers.get("etag") ?? "" }, v2Delivery({ ownerId: "u-9" }));

    expect(created.status).toBe(201);
    expect(replaced.status).toBe(200);
    expect((await put(url, { "If-None-Match": "*" })).status).toBe(412);
    expect((await http(url, { method: "DELETE", headers: { "If-Match": '"v2-delivery-1"' } })).status).toBe(412);
  });

  it("When a GET's If-None-Match names the state it would answer, then 304, from whichever side reads", async () => {
    const id = uniqueId("g");
    await put(deliveryAt(gateways.newReads, id));
    for (const gateway of [gateways.newReads, gateways.legacyReads]) {
      const read = await http(deliveryAt(gateway, id));
      const again = await http(deliveryAt(gateway, id), {
        headers: { "If-None-Match": read.headers.get("etag") ?? "" },
      });

      expect([read.status, again.status]).toEqual([200, 304]);
    }
  });

  it("When a delivery does not exist, then 404 is the gateway's own problem+json, for the version 2 path", async () => {
    for (const gateway of [gateways.newReads, gateways.legacyReads]) {
      const id = uniqueId("missing");
      const response = await http(deliveryAt(gateway, id));

      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
      expect(response.body).toMatchObject({ type: "urn:problem-type:delivery.not_found", status: 404 });
      expect(response.body.instance).toMatch(new RegExp(`^/v2/deliveries/${id}#request-`));
    }
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

    const read = await http(deliveryAt(gateway.url, id));
    const write = await put(deliveryAt(gateway.url, id));

    for (const answer of [read, write]) {
      expect(answer.status).toBe(503);
      expect(answer.body).toMatchObject({ type: "urn:problem-type:gateway.service_unreachable" });
      expect(answer.headers.get("retry-after")).toBe("2");
    }
    expect((await http(`${delivery.url}/v2/deliveries/${id}`)).status).toBe(404);
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

    for (const send of [() => http(deliveryAt(gateway.url, id)), () => put(deliveryAt(gateway.url, id))]) {
      const started = Date.now();
      const answer = await send();

      expect(answer.status).toBe(504);
      expect(answer.body).toMatchObject({ type: "urn:problem-type:gateway.timeout" });
      expect(answer.headers.get("retry-after")).toBe("2");
      expect(Date.now() - started).toBeLessThan(3_500);
    }
    expect((await http(`${delivery.url}/v2/deliveries/${id}`)).status).toBe(404);
  }, 30_000);

  it("When a side is unreachable during the periodic comparison, then its ids are counted as unreachable, not as differences", async () => {
    const { legacy, delivery } = await processes.startDeliveryServices();
    await using legacyProxy = await startTcpProxy(legacy.url);
    const env = processes.gatewayEnv(legacyProxy.uri, delivery.url, {
      COMPARE_INTERVAL_MS: "100",
      PARTICIPANT_TIMEOUT_MS: "300",
    });
    const gateway = await processes.start("gateway", env);
    expect((await put(deliveryAt(gateway.url, uniqueId("g")))).status).toBe(201);
    await legacyProxy.cut();

    const stats = await until(async () => {
      const body = (await http(`${gateway.url}/migration/stats`)).body;
      return body.comparison.unreachable > 0 ? body : undefined;
    }, 10_000);

    expect(stats?.comparison).toMatchObject({ differences: 0, lastDifferentIds: [] });
  }, 30_000);

  it("When the legacy side serves a read, then it is still a whole version 2 delivery: version, links, the package sizes written, a version 2 ETag", async () => {
    const id = uniqueId("g");
    const packages = [{ id: "p-9", size: "large", weightKg: 7.5 }];
    const written = await put(deliveryAt(gateways.newReads, id), {}, v2Delivery({ packages }));
    const read = await http(deliveryAt(gateways.legacyReads, id));

    expect(read.headers.get("x-served-by")).toBe("legacy");
    expect(read.body).toEqual(written.body);
    expect(read.body).toMatchObject({ version: 1, packages, _links: { self: { href: `/v2/deliveries/${id}` } } });
    expect(read.headers.get("etag")).toBe(written.headers.get("etag"));
  });

  it("When the document is read, then it is the gateway's version 2 operations; an undeclared method is a 405", async () => {
    const document = await http(`${gateways.newReads}/v2/openapi.json`);
    const patch = await http(deliveryAt(gateways.newReads, "d-1"), { method: "PATCH", json: {} });

    expect(Object.keys(document.body.paths["/v2/deliveries/{id}"]).toSorted()).toEqual(["delete", "get", "put"]);
    expect(patch.status).toBe(405);
    expect(patch.headers.get("allow")).toContain("PUT");
  });
});
