import { setTimeout as sleep } from "node:timers/promises";
import { connectTestDatabase, type TestDatabase, uniqueId } from "@starter/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MongoIdempotencyStore } from "../src/mongo/index.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await connectTestDatabase();
});
afterAll(async () => {
  await database[Symbol.asyncDispose]();
});

const answer = (status: number) => ({ status, headers: {}, body: { status } });

describe("the MongoDB idempotency store", () => {
  it("When a request outlives its lock and a retry takes the key over, then the slow one can neither store nor forget it", async () => {
    const store = new MongoIdempotencyStore(database.db);
    const key = uniqueId("key");
    const slow = await store.begin(key, "fp", { now: new Date(), lockMs: 1, ttlMs: 60_000 });
    await sleep(5);
    const retry = await store.begin(key, "fp", { now: new Date(), lockMs: 60_000, ttlMs: 60_000 });
    if (slow.kind !== "started" || retry.kind !== "started") throw new Error("both should have taken the key");

    await store.complete(key, slow.owner, answer(500));
    await store.abandon(key, slow.owner);
    const whileRetryRuns = await store.begin(key, "fp", { now: new Date(), lockMs: 60_000, ttlMs: 60_000 });
    await store.complete(key, retry.owner, answer(202));
    const afterRetry = await store.begin(key, "fp", { now: new Date(), lockMs: 60_000, ttlMs: 60_000 });

    expect(whileRetryRuns).toMatchObject({ kind: "existing", record: { state: "in_flight", response: null } });
    expect(afterRetry).toMatchObject({ kind: "existing", record: { state: "completed", response: answer(202) } });
  });

  it("When a key is read, then it is the record holding it now; none once it is absent, expired (even completed) or its lock ran out", async () => {
    const store = new MongoIdempotencyStore(database.db);
    const [held, locked, expired] = [uniqueId("held"), uniqueId("locked"), uniqueId("expired")];
    const now = new Date();
    const taken = await store.begin(held, "fp", { now, lockMs: 60_000, ttlMs: 60_000 });
    await store.begin(locked, "fp", { now, lockMs: 1_000, ttlMs: 60_000 });
    const completed = await store.begin(expired, "fp", { now, lockMs: 60_000, ttlMs: 1_000 });
    if (taken.kind !== "started" || completed.kind !== "started") throw new Error("the keys should have been taken");
    await store.complete(expired, completed.owner, answer(201));

    expect(await store.read(held, now)).toMatchObject({ fingerprint: "fp", state: "in_flight", response: null });
    await store.complete(held, taken.owner, answer(201));
    expect(await store.read(held, now)).toMatchObject({ state: "completed", response: answer(201) });
    const later = new Date(now.getTime() + 2_000);
    expect(await store.read(locked, later)).toBeUndefined();
    expect(await store.read(expired, later)).toBeUndefined();
    expect(await store.read(uniqueId("never"), now)).toBeUndefined();
  });
});
