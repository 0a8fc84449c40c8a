import { randomUUID } from "node:crypto";
import { request } from "node:http";
import { OPERATIONS_COLLECTION } from "@starter/operations/mongo";
import { connectTestDatabase, http, uniqueId } from "@starter/testing";
import { describe, expect, it } from "vitest";
import { startDeliveryApp, useDeliveryApp } from "./delivery-app.ts";
import { deliveryInput, deliveryUrl } from "./delivery-fixtures.ts";

const app = useDeliveryApp({ dispatchDurationMs: 300 });
const slowApp = useDeliveryApp({ dispatchDurationMs: 3_000, ownDatabase: true });
const shortKeysApp = useDeliveryApp({ idempotencyTtlMs: 1_000 });
const keyOptionalApp = useDeliveryApp({ dispatchKeyRequired: false });

async function createDelivery(baseUrl: string): Promise<string> {
  const id = uniqueId("d");
  await http(deliveryUrl(baseUrl, id), { method: "PUT", json: deliveryInput() });
  return id;
}

const dispatch = (baseUrl: string, id: string, headers: Record<string, string>) =>
  http(`${deliveryUrl(baseUrl, id)}/dispatch`, { method: "POST", headers });

async function operationsOf(deliveryId: string, dbName = app.dbName): Promise<number> {
  await using database = await connectTestDatabase();
  return await database.client.db(dbName).collection(OPERATIONS_COLLECTION).countDocuments({ targetId: deliveryId });
}

/** Until the first request with the key holds it (its answer is still to come); bounded: 5 s. */
async function untilKeyTaken(key: string, dbName: string): Promise<void> {
  await using database = await connectTestDatabase();
  const keys = database.client.db(dbName).collection<{ _id: string }>("idempotency_keys");
  for (let i = 0; i < 250 && !(await keys.findOne({ _id: `anonymous:${key}` })); i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("Idempotency-Key on POST /v2/deliveries/{id}/dispatch", () => {
  it("When the key is missing, then 400 and nothing is started", async () => {
    const id = await createDelivery(app.url);
    const response = await dispatch(app.url, id, {});

    expect(response.status).toBe(400);
    expect(response.body.detail).toContain("Idempotency-Key");
    expect(await operationsOf(id)).toBe(0);
  });

  it("When keys are configured optional, then a dispatch without one is started, and one with a key is still replayed", async () => {
    const unkeyed = await createDelivery(keyOptionalApp.url);
    const keyed = await createDelivery(keyOptionalApp.url);
    const key = randomUUID();

    expect((await dispatch(keyOptionalApp.url, unkeyed, {})).status).toBe(202);
    const first = await dispatch(keyOptionalApp.url, keyed, { "Idempotency-Key": key });
    const retry = await dispatch(keyOptionalApp.url, keyed, { "Idempotency-Key": key });
    expect(await operationsOf(unkeyed)).toBe(1);
    expect(retry.headers.get("location")).toBe(first.headers.get("location"));
    expect(await operationsOf(keyed)).toBe(1);
  });

  it.each([
    ["an unterminated quoted string", '"abc'],
    ["a bare key with a space", "a b"],
    ["a key longer than 255 characters", `"${"k".repeat(256)}"`],
    ["an empty quoted string", '""'],
  ])("When the key is %s, then 400", async (_, key) => {
    const id = await createDelivery(app.url);

    expect((await dispatch(app.url, id, { "Idempotency-Key": key })).status).toBe(400);
    expect(await operationsOf(id)).toBe(0);
  });

  it("When the header is given twice, then 400", async () => {
    const id = await createDelivery(app.url);
    const status = await new Promise<number>((resolve, reject) => {
      const post = request(`${deliveryUrl(app.url, id)}/dispatch`, {
        method: "POST",
        headers: ["Idempotency-Key", "first", "Idempotency-Key", "second"],
      });
      post.once("response", (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      post.once("error", reject);
      post.end();
    });

    expect(status).toBe(400);
  });

  it("When the key is a quoted structured-field string or a bare key, then both are accepted", async () => {
    const quoted = await dispatch(app.url, await createDelivery(app.url), { "Idempotency-Key": `"${randomUUID()}"` });
    const bare = await dispatch(app.url, await createDelivery(app.url), { "Idempotency-Key": randomUUID() });

    expect(quoted.status).toBe(202);
    expect(bare.status).toBe(202);
  });

  it("When the same request is retried with the same key, then the first answer is replayed: same operation, nothing processed twice", async () => {
    const id = await createDelivery(app.url);
    const key = randomUUID();
    const first = await dispatch(app.url, id, { "Idempotency-Key": key });
    await new Promise((resolve) => setTimeout(resolve, 800));
    const retry = await dispatch(app.url, id, { "Idempotency-Key": key });

    expect(first.status).toBe(202);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    expect(retry.status).toBe(202);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.headers.get("location")).toBe(first.headers.get("location"));
    expect(retry.headers.get("retry-after")).toBe(first.headers.get("retry-after"));
    expect(retry.body).toEqual(first.body);
    expect(await operationsOf(id)).toBe(1);
    expect((await http(deliveryUrl(app.url, id))).body.version).toBe(2);
  });

  it("When the key is reused for a different request, then 422", async () => {
    const key = randomUUID();
    await dispatch(app.url, await createDelivery(app.url), { "Idempotency-Key": key });
    const other = await createDelivery(app.url);
    const reused = await dispatch(app.url, other, { "Idempotency-Key": key });

    expect(reused.status).toBe(422);
    expect(reused.body.type).toBe("urn:problem-type:idempotency.key_reused");
    expect(await operationsOf(other)).toBe(0);
  });

  it("When the first request with a key is still in flight, then the retry waits for it and gets its answer replayed", async () => {
    const id = await createDelivery(slowApp.url);
    const key = randomUUID();
    // Prefer: wait holds the first request open while its operation runs (3 s).
    const first = dispatch(slowApp.url, id, { "Idempotency-Key": key, Prefer: "wait=10" });
    await untilKeyTaken(key, slowApp.dbName);
    const retry = await dispatch(slowApp.url, id, { "Idempotency-Key": key, Prefer: "wait=8" });

    const answer = await first;
    expect(answer.status).toBe(200);
    expect(answer.headers.get("preference-applied")).toBe("wait=10");
    expect(retry.status).toBe(200);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    // The first answer's own wait is replaced by the retry's: each says what its request was granted.
    expect(retry.headers.get("preference-applied")).toBe("wait=8");
    expect(retry.headers.get("content-location")).toBe(answer.headers.get("content-location"));
    expect(retry.body).toEqual(answer.body);
    expect(await operationsOf(id, slowApp.dbName)).toBe(1);
  }, 20_000);

  it("When the first request is still in flight once the retry's wait is over, then 409 with Retry-After and Preference-Applied; with wait=0 at once", async () => {
    const id = await createDelivery(slowApp.url);
    const key = randomUUID();
    const first = dispatch(slowApp.url, id, { "Idempotency-Key": key, Prefer: "wait=10" });
    let firstDone = false;
    void first.then(() => {
      firstDone = true;
    });
    await untilKeyTaken(key, slowApp.dbName);
    const atOnce = await dispatch(slowApp.url, id, { "Idempotency-Key": key, Prefer: "wait=0" });
    const firstDoneAtOnce = firstDone;
    const afterOneSecond = await dispatch(slowApp.url, id, { "Idempotency-Key": key, Prefer: "wait=1" });

    expect(atOnce.status).toBe(409);
    expect(atOnce.headers.get("preference-applied")).toBe("wait=0");
    expect(firstDoneAtOnce).toBe(false);
    expect(afterOneSecond.status).toBe(409);
    expect(afterOneSecond.body.type).toBe("urn:problem-type:idempotency.in_flight");
    expect(afterOneSecond.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(afterOneSecond.headers.get("preference-applied")).toBe("wait=1");
    expect((await first).status).toBe(200);
  }, 20_000);

  it("When the first request runs on one instance and its retry reaches another on the same database, then the retry gets the first answer", async () => {
    await using other = await startDeliveryApp({ dispatchDurationMs: 3_000, env: { MONGODB_DB: slowApp.dbName } });
    const id = await createDelivery(slowApp.url);
    const key = randomUUID();
    const first = dispatch(slowApp.url, id, { "Idempotency-Key": key, Prefer: "wait=10" });
    await untilKeyTaken(key, slowApp.dbName);
    const retry = await dispatch(other.url, id, { "Idempotency-Key": key, Prefer: "wait=10" });

    const answer = await first;
    expect(answer.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.body).toEqual(answer.body);
    expect(await operationsOf(id, slowApp.dbName)).toBe(1);
  }, 30_000);

  it("When the first request failed validation, then it was not remembered: fixed and retried with the same key, it is processed", async () => {
    const id = uniqueId("later");
    const key = randomUUID();
    expect((await dispatch(app.url, id, { "Idempotency-Key": key })).status).toBe(404);

    await http(deliveryUrl(app.url, id), { method: "PUT", json: deliveryInput() });
    const retried = await dispatch(app.url, id, { "Idempotency-Key": key });
    expect(retried.status).toBe(202);
    expect(retried.headers.get("idempotent-replayed")).toBeNull();
  });

  it("When 20 identical requests race with one key, then exactly one operation exists and no answer is a 5xx", async () => {
    const id = await createDelivery(slowApp.url);
    const key = randomUUID();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => dispatch(slowApp.url, id, { "Idempotency-Key": key })),
    );
    const statuses = responses.map((r) => r.status);

    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    const processed = responses.filter((r) => r.status === 202 && r.headers.get("idempotent-replayed") === null);
    expect(processed).toHaveLength(1);
    expect(statuses.every((s) => s === 202 || s === 409)).toBe(true);
    const locations = new Set(responses.filter((r) => r.status === 202).map((r) => r.headers.get("location")));
    expect(locations.size).toBe(1);
    expect(await operationsOf(id, slowApp.dbName)).toBe(1);
  }, 20_000);

  it("When a key has expired, then it is forgotten: the same key is processed as new (here refused: already dispatched)", async () => {
    const id = await createDelivery(shortKeysApp.url);
    const key = randomUUID();
    expect((await dispatch(shortKeysApp.url, id, { "Idempotency-Key": key })).status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 1_300));

    const again = await dispatch(shortKeysApp.url, id, { "Idempotency-Key": key });
    expect(again.headers.get("idempotent-replayed")).toBeNull();
    expect(again.status).toBe(409);
  });
});
