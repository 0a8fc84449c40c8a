import * as v1 from "@starter/contracts/v1";
import { http, uniqueId } from "@starter/testing";
import { describe, expect, it } from "vitest";
import { useLegacyApp } from "./legacy-app.ts";

const app = useLegacyApp();
/** A valid version 1 PUT body: the documented example, with an owner of its own. */
const input = () => ({ ...v1.deliveryInputExample, owner: uniqueId("u") });
const url = (id: string) => `${app.url}/v1/deliveries/${id}`;

describe("the legacy service's version 1 contract", () => {
  it("When a delivery is put twice, then 201 then 200 with the same ETag (a replay changes nothing)", async () => {
    const id = uniqueId("l");
    const body = input();
    const created = await http(url(id), { method: "PUT", json: body });
    const replay = await http(url(id), { method: "PUT", json: body });

    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe(`/v1/deliveries/${id}`);
    expect(created.body).toEqual({ id, ...body, deadline: "2026-12-01T10:00:00.000Z", status: "created" });
    expect(replay.status).toBe(200);
    expect(replay.headers.get("etag")).toBe(created.headers.get("etag"));
  });

  it("When If-Match is stale or If-None-Match: * meets an existing delivery, then 412", async () => {
    const id = uniqueId("l");
    const created = await http(url(id), { method: "PUT", json: input() });
    await http(url(id), { method: "PUT", json: { ...input(), expedited: "yes" } });

    const stale = await http(url(id), {
      method: "PUT",
      json: input(),
      headers: { "If-Match": created.headers.get("etag") ?? "" },
    });
    const createOnly = await http(url(id), { method: "PUT", json: input(), headers: { "If-None-Match": "*" } });
    expect(stale.status).toBe(412);
    expect(createOnly.status).toBe(412);
  });

  it("When a location is out of range, then 422 points at it", async () => {
    const response = await http(url(uniqueId("l")), { method: "PUT", json: { ...input(), pickupLocation: "91,0" } });

    expect(response.status).toBe(422);
    expect(response.body.errors).toContainEqual(expect.objectContaining({ pointer: "/pickupLocation" }));
  });

  it("When a deadline is outside the contract's window, then 422 points at it, as the new service answers; at its bounds, 201", async () => {
    for (const deadline of ["0000-01-01T00:00:00Z", "1999-12-31T23:59:59.999Z", "2100-01-01T00:00:00Z"]) {
      const id = uniqueId("l");
      const refused = await http(url(id), { method: "PUT", json: { ...input(), deadline } });
      expect([deadline, refused.status]).toEqual([deadline, 422]);
      expect(refused.body.errors).toEqual([expect.objectContaining({ pointer: "/deadline" })]);
      expect((await http(url(id))).status).toBe(404);
    }
    for (const deadline of ["2000-01-01T00:00:00Z", "2099-12-31T23:59:59.999Z"]) {
      const accepted = await http(url(uniqueId("l")), { method: "PUT", json: { ...input(), deadline } });
      expect([deadline, accepted.status]).toEqual([deadline, 201]);
    }
  });

  it("When a package id is listed twice, then 422 points at the second one (the contract's uniqueItems)", async () => {
    const response = await http(url(uniqueId("l")), {
      method: "PUT",
      json: { ...input(), packageIds: ["p-1", "p-2", "p-1"] },
    });

    expect(response.status).toBe(422);
    expect(response.body.errors).toContainEqual(expect.objectContaining({ pointer: "/packageIds/2" }));
  });

  it("When a delivery is read with its ETag, then 304; deleted twice, then 204 both times, then 404", async () => {
    const id = uniqueId("l");
    const created = await http(url(id), { method: "PUT", json: input() });

    expect((await http(url(id), { headers: { "If-None-Match": created.headers.get("etag") ?? "" } })).status).toBe(304);
    expect(
      (await http(url(id), { method: "DELETE", headers: { "If-Match": created.headers.get("etag") ?? "" } })).status,
    ).toBe(204);
    expect((await http(url(id), { method: "DELETE" })).status).toBe(204);
    expect((await http(url(id))).status).toBe(404);
  });

  it("When a v2 path is asked for, then 400 naming version 1, the only one the legacy service speaks", async () => {
    const response = await http(`${app.url}/v2/deliveries/${uniqueId("l")}`);

    expect(response.status).toBe(400);
    expect(response.body.type).toBe("urn:problem-type:version.unsupported");
    expect(response.headers.get("api-supported-versions")).toBe("1");
  });

  it("When /v1/openapi.json is read, then the version 1 document of the routes it serves", async () => {
    const response = await http(`${app.url}/v1/openapi.json`);

    expect(response.status).toBe(200);
    expect(response.body.info.version).toBe("1.1");
    expect(Object.keys(response.body.paths)).toEqual(["/v1/deliveries/{id}", "/v1/openapi.json"]);
    expect(Object.keys(response.body.paths["/v1/deliveries/{id}"]).sort()).toEqual(["delete", "get", "put"]);
  });
});
