import { randomUUID } from "node:crypto";
import * as v2 from "@starter/contracts/v2";
import {
  awaitOperation,
  CREATE_ONLY,
  deliveryClientV2,
  etagOf,
  ifMatch,
  type V2Paths,
  withIdempotencyKey,
} from "@starter/delivery-client";
import { uniqueId } from "@starter/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { useServiceProcesses } from "./service-processes.ts";

const processes = useServiceProcesses();
let baseUrl = "";

beforeAll(async () => {
  const delivery = await processes.start("delivery", {
    MONGODB_DB: `client_${randomUUID().slice(0, 8)}`,
    DISPATCH_DURATION_MS: "200",
  });
  baseUrl = delivery.url;
}, 30_000);

type PutBody = NonNullable<V2Paths["/v2/deliveries/{id}"]["put"]["requestBody"]>["content"]["application/json"];

/** The documented example, typed as the client sends it, with an owner of its own. */
const body = (): PutBody => ({ ...(v2.deliveryInputExample as PutBody), ownerId: uniqueId("u") });

describe("the built delivery service through the typed client (a consumer's side of the contract)", () => {
  it("When a delivery is created only-if-absent and replaced only-if-unchanged, then the conditions hold as documented", async () => {
    const client = deliveryClientV2(baseUrl);
    const path = { id: uniqueId("c") };
    const input = body();

    const created = await client.PUT("/v2/deliveries/{id}", { params: { path }, headers: CREATE_ONLY, body: input });
    const again = await client.PUT("/v2/deliveries/{id}", { params: { path }, headers: CREATE_ONLY, body: input });
    const etag = etagOf(created.response);
    const replaced = await client.PUT("/v2/deliveries/{id}", {
      params: { path },
      headers: ifMatch(etag),
      body: { ...input, expedited: true },
    });
    const stale = await client.PUT("/v2/deliveries/{id}", { params: { path }, headers: ifMatch(etag), body: input });

    expect(created.response.status).toBe(201);
    expect(created.data?.version).toBe(1);
    expect(again.response.status).toBe(412);
    expect(replaced.data).toMatchObject({ expedited: true, version: 2 });
    expect(stale.response.status).toBe(412);
    expect(stale.error).toMatchObject({ type: "urn:problem-type:request.precondition_failed" });
  });

  it("When a dispatch is started with an Idempotency-Key and awaited, then it ends at the delivery, dispatched once", async () => {
    const client = deliveryClientV2(baseUrl);
    const path = { id: uniqueId("c") };
    await client.PUT("/v2/deliveries/{id}", { params: { path }, body: body() });
    const key = randomUUID();

    const send = (idempotencyKey: string) =>
      client.POST("/v2/deliveries/{id}/dispatch", { params: { path, header: { "Idempotency-Key": idempotencyKey } } });
    const accepted = await withIdempotencyKey(send, { key });
    const retried = await withIdempotencyKey(send, { key });
    const end = await awaitOperation(baseUrl, accepted.response.headers.get("Location") ?? "", { timeoutMs: 10_000 });
    const read = await client.GET("/v2/deliveries/{id}", { params: { path } });

    expect(accepted.response.status).toBe(202);
    expect(retried.response.headers.get("Location")).toBe(accepted.response.headers.get("Location"));
    expect(end).toEqual({ kind: "succeeded", resource: `/v2/deliveries/${path.id}` });
    expect(read.data).toMatchObject({ status: "dispatched", version: 2 });
  });
});
