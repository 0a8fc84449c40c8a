import * as v1 from "@starter/contracts/v1";
import { deliveryClientV1 } from "@starter/delivery-client";
import { http, uniqueId } from "@starter/testing";
import { describe, expect, it } from "vitest";
import { useDeliveryApp } from "./delivery-app.ts";
import { deliveryInput } from "./delivery-fixtures.ts";

const app = useDeliveryApp();
const retiredV1 = useDeliveryApp({ versionStates: "1:retired" });
/** The day the calendar app lives on, moved by each test: the lifecycle is read per request, no restart. */
let today = new Date("2026-12-01T00:00:00Z");
const onTheCalendar = useDeliveryApp({ clock: () => today });

/** A valid version 1 PUT body: the documented example, with an owner of its own. */
const v1Input = (overrides: Record<string, unknown> = {}) => ({
  ...v1.deliveryInputExample,
  owner: uniqueId("u"),
  ...overrides,
});
const url = (major: number, id: string) => `${app.url}/v${major}/deliveries/${id}`;

describe("versions 1 and 2 side by side", () => {
  it("When a v1 client creates a delivery, then v1 answers in its own shape and v2 reads the same delivery", async () => {
    const id = uniqueId("d");
    const input = v1Input();
    const created = await http(url(1, id), { method: "PUT", json: input });

    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe(`/v1/deliveries/${id}`);
    expect(created.body).toEqual({ id, ...input, deadline: "2026-12-01T10:00:00.000Z", status: "created" });
    const asV2 = await http(url(2, id));
    expect(asV2.body).toMatchObject({
      ownerId: input.owner,
      pickup: { latitude: 47.6205, longitude: -122.3493 },
      expedited: false,
      packages: [{ id: "p-1", size: "small", weightKg: 1 }],
    });
  });

  it("When a v1 client sends a deadline outside the contract's window, then 422 points at its v1 member, as delivery-legacy answers", async () => {
    const id = uniqueId("d");
    const refused = await http(url(1, id), { method: "PUT", json: v1Input({ deadline: "0000-01-01T00:00:00Z" }) });

    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ pointer: "/deadline" })]);
    expect((await http(url(1, id))).status).toBe(404);
  });

  it("When a v1 client round-trips a delivery (GET, PUT with If-Match), then what only v2 knows survives", async () => {
    const id = uniqueId("d");
    const packages = [
      { id: "p-1", size: "large" as const, weightKg: 7.5 },
      { id: "p-2", size: "medium" as const, weightKg: 2 },
    ];
    await http(url(2, id), { method: "PUT", json: deliveryInput({ packages }) });
    const read = await http(url(1, id));
    expect(read.body.packageIds).toEqual(["p-1", "p-2"]);

    const update = { ...read.body, expedited: "yes", packageIds: ["p-1", "p-9"] };
    const put = await http(url(1, id), {
      method: "PUT",
      json: update,
      headers: { "If-Match": read.headers.get("etag") ?? "" },
    });

    expect(put.status).toBe(200);
    expect((await http(url(2, id))).body).toMatchObject({
      expedited: true,
      packages: [
        { id: "p-1", size: "large", weightKg: 7.5 },
        { id: "p-9", size: "small", weightKg: 1 },
      ],
      version: 2,
    });
  });

  it("When the same v1 representation is sent again, then nothing changes: same ETag", async () => {
    const id = uniqueId("d");
    const input = v1Input();
    const first = await http(url(1, id), { method: "PUT", json: input });
    const replay = await http(url(1, id), { method: "PUT", json: { ...input, unknownField: true } });

    expect(replay.status).toBe(200);
    expect(replay.headers.get("etag")).toBe(first.headers.get("etag"));
    expect(replay.body.unknownField).toBeUndefined();
  });

  it("When one version's ETag is used as If-Match in the other, then 412: each tag means one representation", async () => {
    const id = uniqueId("d");
    const v2Etag = (await http(url(2, id), { method: "PUT", json: deliveryInput() })).headers.get("etag") ?? "";
    const v1Etag = (await http(url(1, id))).headers.get("etag") ?? "";

    expect(v1Etag).not.toBe(v2Etag);
    expect((await http(url(1, id), { method: "PUT", json: v1Input(), headers: { "If-Match": v2Etag } })).status).toBe(
      412,
    );
    expect(
      (await http(url(2, id), { method: "PUT", json: deliveryInput(), headers: { "If-Match": v1Etag } })).status,
    ).toBe(412);
  });

  it("When a v1 request breaks a domain rule, then the problem points at the v1 field names", async () => {
    const response = await http(url(1, uniqueId("d")), { method: "PUT", json: v1Input({ dropoffLocation: "91,0" }) });

    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([expect.objectContaining({ pointer: "/dropoffLocation" })]);
  });

  it("When a v1 request misses a field, then 400 points at the v1 name", async () => {
    const { owner: _missing, ...input } = v1Input();
    const response = await http(url(1, uniqueId("d")), { method: "PUT", json: input });

    expect(response.status).toBe(400);
    expect(response.body.errors).toContainEqual(expect.objectContaining({ pointer: "/owner" }));
  });

  it("When a v1 client deletes, then 204 and the delivery is gone for v2 too", async () => {
    const id = uniqueId("d");
    await http(url(1, id), { method: "PUT", json: v1Input() });

    expect((await http(url(1, id), { method: "DELETE" })).status).toBe(204);
    expect((await http(url(2, id))).status).toBe(404);
  });
});

describe("the typed version 1 client (a consumer of the deprecated major)", () => {
  it("When the version 1 client reads what version 2 wrote, then it gets the version 1 shape", async () => {
    const id = uniqueId("c");
    await http(url(2, id), {
      method: "PUT",
      json: deliveryInput({ packages: [{ id: "p-1", size: "small", weightKg: 1 }] }),
    });
    const read = await deliveryClientV1(app.url).GET("/v1/deliveries/{id}", { params: { path: { id } } });

    expect(read.response.status).toBe(200);
    expect(read.data?.packageIds).toEqual(["p-1"]);
  });
});

describe("version selection and lifecycle headers", () => {
  it("When v1 (deprecated) answers, then Deprecation, Sunset and a successor link are set, with valid syntax", async () => {
    const id = uniqueId("d");
    const response = await http(url(1, id), { method: "PUT", json: v1Input() });

    const deprecation = response.headers.get("deprecation") ?? "";
    const sunset = response.headers.get("sunset") ?? "";
    expect(deprecation).toMatch(/^@\d+$/);
    expect(sunset).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    expect(Date.parse(sunset) / 1000).toBeGreaterThanOrEqual(Number(deprecation.slice(1)));
    expect(response.headers.get("link")).toBe(`</v2/deliveries/${id}>; rel="successor-version"`);
    expect(response.headers.get("api-version")).toBe("1");
  });

  it("When v2 (current) answers, then it names itself and the supported and deprecated majors, and nothing else changes", async () => {
    const response = await http(url(2, uniqueId("d")));

    expect(response.status).toBe(404);
    expect(response.headers.get("api-version")).toBe("2");
    expect(response.headers.get("api-supported-versions")).toBe("1, 2, 3");
    expect(response.headers.get("api-deprecated-versions")).toBe("1");
    expect(response.headers.get("deprecation")).toBeNull();
    expect(response.headers.get("sunset")).toBeNull();
  });

  it("When a path has no version, then Accept-Version picks it, else the current one, and Vary says so", async () => {
    const id = uniqueId("d");
    await http(url(2, id), { method: "PUT", json: deliveryInput() });

    const byDefault = await http(`${app.url}/deliveries/${id}`);
    const asV1 = await http(`${app.url}/deliveries/${id}`, { headers: { "Accept-Version": "1" } });
    expect(byDefault.headers.get("api-version")).toBe("2");
    expect(byDefault.body.ownerId).toBeDefined();
    expect(asV1.headers.get("api-version")).toBe("1");
    expect(asV1.body.owner).toBeDefined();
    expect(asV1.headers.get("vary")).toContain("Accept-Version");
  });

  it.each([
    ["a major in the URL that never existed", "/v9/deliveries/x", {}],
    ["an unknown Accept-Version", "/deliveries/x", { "Accept-Version": "9" }],
    ["a malformed Accept-Version", "/deliveries/x", { "Accept-Version": "latest" }],
    ["a malformed Accept-Version on a versioned path", "/v2/deliveries/x", { "Accept-Version": "v2; drop table" }],
    ["an Accept-Version unlike the path's major", "/v2/deliveries/x", { "Accept-Version": "1" }],
  ])("When a request names %s, then 400 lists the supported versions", async (_, path, headers) => {
    const response = await http(`${app.url}${path}`, { headers });

    expect(response.status).toBe(400);
    expect(response.body.detail).toContain("supported: 1, 2, 3");
  });

  it("When v1 is retired by configuration, then v1 answers 410 naming its successor and v2 still works", async () => {
    const id = uniqueId("d");
    const gone = await http(`${retiredV1.url}/v1/deliveries/${id}`);

    expect(gone.status).toBe(410);
    expect(gone.headers.get("content-type")).toContain("application/problem+json");
    expect(gone.body.detail).toContain("use version 2");
    expect(gone.headers.get("api-supported-versions")).toBe("2, 3");
    expect((await http(`${retiredV1.url}/v2/deliveries/${id}`, { method: "PUT", json: deliveryInput() })).status).toBe(
      201,
    );
  });
});

describe("version 1 on the calendar (brownouts, then the sunset)", () => {
  const readV1 = async (instant: string, id: string) => {
    today = new Date(instant);
    return http(`${onTheCalendar.url}/v1/deliveries/${id}`);
  };

  it("When the day moves from before the first brownout, through it, to after the sunset, then v1 answers 200, 410, 200, then 410 for good", async () => {
    const id = uniqueId("d");
    today = new Date("2026-12-01T00:00:00Z");
    expect(
      (await http(`${onTheCalendar.url}/v2/deliveries/${id}`, { method: "PUT", json: deliveryInput() })).status,
    ).toBe(201);

    const before = await readV1("2027-02-02T13:59:00Z", id);
    const during = await readV1("2027-02-02T14:30:00Z", id);
    const after = await readV1("2027-02-02T15:00:00Z", id);
    const sunset = await readV1("2027-03-01T00:00:00Z", id);

    expect(before.status).toBe(200);
    expect(before.headers.get("deprecation")).toMatch(/^@\d+$/);
    expect(during.status).toBe(410);
    expect(during.headers.get("content-type")).toContain("application/problem+json");
    expect(during.body).toMatchObject({ type: expect.stringContaining("version.brownout"), status: 410 });
    expect(during.body.detail).toContain("brownout until 2027-02-02T15:00:00Z");
    expect(during.body.detail).toContain("sunset on 2027-03-01T00:00:00Z");
    expect(during.body.detail).toContain("use version 2");
    expect(during.headers.get("sunset")).toBe("Mon, 01 Mar 2027 00:00:00 GMT");
    expect(during.headers.get("link")).toBe(`</v2/deliveries/${id}>; rel="successor-version"`);
    expect(during.headers.get("api-supported-versions")).toBe("1, 2, 3");
    expect(after.status).toBe(200);
    expect(sunset.status).toBe(410);
    expect(sunset.body).toMatchObject({ type: expect.stringContaining("version.retired") });
    expect(sunset.body.detail).toContain("retired since its sunset, 2027-03-01T00:00:00Z; use version 2");
    expect(sunset.headers.get("api-supported-versions")).toBe("2, 3");
  });

  it("When v1 is past its sunset, then v2 and unversioned requests are served as before", async () => {
    const id = uniqueId("d");
    today = new Date("2027-06-01T00:00:00Z");

    expect(
      (await http(`${onTheCalendar.url}/v2/deliveries/${id}`, { method: "PUT", json: deliveryInput() })).status,
    ).toBe(201);
    expect((await http(`${onTheCalendar.url}/deliveries/${id}`)).status).toBe(200);
  });
});
