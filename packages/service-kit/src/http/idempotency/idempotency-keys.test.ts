import { randomUUID } from "node:crypto";
import { startApp, testServer } from "@starter/testing";
import { describe, expect, it } from "vitest";
import { appWithKeys, database, post } from "../../../test/idempotency-test-apps.ts";
import { MongoIdempotencyStore } from "../../mongo/idempotency-store.ts";

describe("idempotencyKeys with the MongoDB store", () => {
  it("When an error happens after processing started, then the error is stored and replayed; the handler ran once", async () => {
    const { app, runs } = appWithKeys();
    await using running = await startApp(app.callback());
    const key = randomUUID();
    const first = await post(running.url, key, { explode: true });
    const replay = await post(running.url, key, { explode: true });

    expect(first.status).toBe(502);
    expect(replay.status).toBe(502);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.headers.get("content-type")).toContain("application/problem+json");
    expect(runs.count).toBe(1);
  });

  it("When two requests carry bodies that differ only in member order, then they are the same request", async () => {
    const { app, runs } = appWithKeys();
    await using running = await startApp(app.callback());
    const key = randomUUID();
    await post(running.url, key, { a: 1, b: [1, 2] });
    const replay = await post(running.url, key, { b: [1, 2], a: 1 });

    expect(replay.status).toBe(201);
    expect(replay.headers.get("location")).toBe("/things/1");
    expect(runs.count).toBe(1);
  });

  it("When two clients use the same key, then their scopes keep them apart", async () => {
    const key = randomUUID();
    const alice = appWithKeys({ scope: "alice" });
    const bob = appWithKeys({ scope: "bob" });
    await using aliceApp = await startApp(alice.app.callback());
    await using bobApp = await startApp(bob.app.callback());

    expect((await post(aliceApp.url, key, { n: 1 })).status).toBe(201);
    expect((await post(bobApp.url, key, { n: 2 })).status).toBe(201);
    expect([alice.runs.count, bob.runs.count]).toEqual([1, 1]);
  });

  it("When the expiry index is created, then it is a TTL index exactly where the server supports them", async () => {
    expect(await new MongoIdempotencyStore(database.db).ensureIndexes()).toBe(testServer().ttlIndexes);
  });

  it("When keys have expired, then the sweep deletes them and keeps the rest", async () => {
    const { app } = appWithKeys({ ttlMs: 1_000 });
    await using running = await startApp(app.callback());
    const key = randomUUID();
    await post(running.url, key, {});
    const store = new MongoIdempotencyStore(database.db);
    const keys = database.db.collection("idempotency_keys");

    expect(await keys.countDocuments({ _id: `anonymous:${key}` as never })).toBe(1);
    await store.deleteExpired(new Date(Date.now() + 2_000));
    expect(await keys.countDocuments({ _id: `anonymous:${key}` as never })).toBe(0);
  });
});
