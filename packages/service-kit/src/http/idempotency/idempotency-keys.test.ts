import { randomUUID } from "node:crypto";
import { request } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import Router from "@koa/router";
import { connectTestDatabase, http, metricValue, startApp, type TestDatabase, testServer } from "@starter/testing";
import Koa from "koa";
import { pino } from "pino";
import { Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError, InvalidRequestError } from "../../errors/index.ts";
import { createHttpMetrics } from "../../metrics/index.ts";
import { MongoIdempotencyStore } from "../../mongo/idempotency-store.ts";
import type { AppState } from "../app-context.ts";
import { errorHandler, errorResponder } from "../error-handler.ts";
import { commonErrorMap } from "../error-map.ts";
import { jsonBody } from "../json-body.ts";
import { requestContext } from "../request-context.ts";
import { requestDeadline } from "../request-deadline.ts";
import { idempotencyKeys } from "./idempotency-keys.ts";
import type { InFlightWaitOptions } from "./in-flight-wait.ts";
import type { IdempotencyStore } from "./store.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await connectTestDatabase();
});
afterAll(async () => {
  await database[Symbol.asyncDispose]();
});

type AppOptions = {
  scope?: string;
  ttlMs?: number;
  inFlightWait?: InFlightWaitOptions;
  /** A request whose body says `hold` waits for this before it answers (the tests' first request in flight). */
  hold?: Promise<void>;
  /** Shared by the apps of a test: while above 0, a held request fails validation (before processing starts). */
  rejections?: { remaining: number };
  /** Each request's deadline (REQUEST_DEADLINE_MS); none when absent. */
  deadlineMs?: number;
};

/**
 * A tiny app whose POST /things counts how often it really runs, and fails after starting when told; `reads`
 * counts how often its middleware polled the key's record (a retry waiting for the first request). Every app
 * of a test is an instance of one service: nothing but the database is shared.
 */
function appWithKeys(options: AppOptions = {}) {
  const errorOptions = {
    errorMap: { ...commonErrorMap, "thing.exploded": { status: 502, title: "Upstream exploded" } },
    isUnavailable: () => false,
    retryAfterSeconds: 1,
  };
  const runs = { count: 0, reads: 0 };
  const metrics = new Registry();
  const httpMetrics = createHttpMetrics(metrics);
  const app = new Koa<AppState>();
  app.use(requestContext(pino({ level: "silent" })));
  app.use(errorHandler(errorOptions));
  if (options.deadlineMs) app.use(requestDeadline(options.deadlineMs));
  app.use(jsonBody({ limitBytes: 10_000, maxDepth: 8 }));
  app.use(async (ctx, next) => {
    ctx.state.apiMajor = 2;
    ctx.state.metrics = httpMetrics;
    await next();
  });
  const router = new Router<AppState>();
  const keys = idempotencyKeys({
    store: countingReads(new MongoIdempotencyStore(database.db), runs),
    required: false,
    scope: () => options.scope ?? "anonymous",
    lockMs: 60_000,
    ttlMs: options.ttlMs ?? 60_000,
    inFlightWait: options.inFlightWait ?? { defaultSeconds: 5, maxSeconds: 30 },
    respondToError: errorResponder(errorOptions),
  });
  router.post("/things", keys, async (ctx) => {
    const body = ctx.state.body as { explode?: boolean; hold?: boolean };
    if (body.hold) await options.hold;
    if (body.hold && options.rejections && options.rejections.remaining > 0) {
      options.rejections.remaining--;
      throw new InvalidRequestError("not yet");
    }
    ctx.state.processingStarted = true;
    runs.count++;
    if (body.explode) throw new AppError("thing.exploded", "it exploded");
    ctx.status = 201;
    ctx.set("Location", `/things/${runs.count}`);
    ctx.body = { run: runs.count };
  });
  app.use(router.routes());
  return {
    app,
    runs,
    metric: async (name: string, outcome: string) => metricValue(await metrics.metrics(), name, { outcome }),
  };
}

function countingReads(store: IdempotencyStore, runs: { reads: number }): IdempotencyStore {
  return {
    begin: (...args) => store.begin(...args),
    read: (...args) => {
      runs.reads++;
      return store.read(...args);
    },
    complete: (...args) => store.complete(...args),
    abandon: (...args) => store.abandon(...args),
  };
}

/** A promise the test resolves when it lets the held request go on. */
function gate() {
  const { promise, resolve } = Promise.withResolvers<void>();
  return { promise, open: () => resolve() };
}

/**
 * Two instances of one service on the database, and a first request on the first instance holding a new key
 * until `open()`: what a retry of that key meets while the first request is in flight.
 */
async function heldOnTwoInstances(options: AppOptions = {}, secondOnly: AppOptions = {}) {
  const { promise, open } = gate();
  const first = appWithKeys({ ...options, hold: promise });
  const second = appWithKeys({ ...options, ...secondOnly, hold: promise });
  const a = await startApp(first.app.callback());
  const b = await startApp(second.app.callback());
  const key = randomUUID();
  const original = post(a.url, key, { hold: true });
  await untilTaken(key);
  return {
    first,
    second,
    a,
    b,
    key,
    original,
    open,
    async [Symbol.asyncDispose]() {
      open();
      await a[Symbol.asyncDispose]();
      await b[Symbol.asyncDispose]();
    },
  };
}

/** Until the first request holds the key (bounded: 5 s). */
async function untilTaken(key: string): Promise<void> {
  const keys = database.db.collection<{ _id: string }>("idempotency_keys");
  for (let i = 0; i < 250 && !(await keys.findOne({ _id: `anonymous:${key}` })); i++) await sleep(20);
}

/** Until the app has polled the key's record: the retry is waiting (bounded: 5 s). */
async function untilPolled(runs: { reads: number }): Promise<void> {
  for (let i = 0; i < 250 && runs.reads === 0; i++) await sleep(20);
  expect(runs.reads).toBeGreaterThan(0);
}

const post = (url: string, key: string, json: unknown, headers: Record<string, string> = {}) =>
  http(`${url}/things`, { method: "POST", json, headers: { "Idempotency-Key": key, ...headers } });

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

describe("a retry while the first request with its key is in flight", () => {
  it("When the first request runs on one instance and its retry reaches another, then the retry waits and gets the first answer, replayed", async () => {
    await using held = await heldOnTwoInstances();
    const { first, second, b, key, original } = held;
    const retry = post(b.url, key, { hold: true }, { Prefer: "wait=10" });
    await untilPolled(second.runs);
    held.open();

    const [answer, replayed] = await Promise.all([original, retry]);
    expect(answer.status).toBe(201);
    expect(replayed.status).toBe(201);
    expect(replayed.headers.get("location")).toBe(answer.headers.get("location"));
    expect(replayed.headers.get("idempotent-replayed")).toBe("true");
    expect(replayed.headers.get("preference-applied")).toBe("wait=10");
    expect(replayed.body).toEqual(answer.body);
    expect([first.runs.count, second.runs.count]).toEqual([1, 0]);
    expect(await second.metric("idempotency_key_requests_total", "replayed")).toBe(1);
    expect(await second.metric("idempotency_key_wait_seconds_count", "replayed")).toBe(1);
  });

  it("When the first request is still running once the preferred wait is over, then 409 problem+json with Retry-After and Preference-Applied", async () => {
    await using held = await heldOnTwoInstances();
    const { first, second, b, key, original } = held;
    const retry = await post(b.url, key, { hold: true }, { Prefer: "wait=1" });
    held.open();

    expect(retry.status).toBe(409);
    expect(retry.headers.get("content-type")).toContain("application/problem+json");
    expect(retry.body.type).toBe("urn:problem-type:idempotency.in_flight");
    expect(retry.headers.get("retry-after")).toBe("1");
    expect(retry.headers.get("preference-applied")).toBe("wait=1");
    expect(second.runs.reads).toBeGreaterThan(0);
    expect((await original).status).toBe(201);
    expect([first.runs.count, second.runs.count]).toEqual([1, 0]);
    expect(await second.metric("idempotency_key_requests_total", "in_flight")).toBe(1);
    expect(await second.metric("idempotency_key_wait_seconds_count", "in_flight")).toBe(1);
  });

  it("When the retry prefers a wait longer than its request's deadline leaves, then it waits only what the deadline leaves and answers 409 in time", async () => {
    await using held = await heldOnTwoInstances({}, { deadlineMs: 30_000 });
    const { b, key, original } = held;
    const started = performance.now();
    const retry = await post(b.url, key, { hold: true }, { Prefer: "wait=10", "X-Request-Timeout-Ms": "1600" });
    const tookMs = performance.now() - started;
    held.open();

    expect(retry.status).toBe(409);
    expect(retry.headers.get("preference-applied")).toBe("wait=1");
    expect(tookMs).toBeLessThan(1_600);
    expect((await original).status).toBe(201);
  });

  it("When the retry prefers wait=0, then it is a 409 at once: the record is not polled", async () => {
    const held = gate();
    const { app, runs } = appWithKeys({ hold: held.promise });
    await using running = await startApp(app.callback());
    const key = randomUUID();

    const original = post(running.url, key, { hold: true });
    await untilTaken(key);
    const retry = await post(running.url, key, { hold: true }, { Prefer: "wait=0" });
    held.open();

    expect(retry.status).toBe(409);
    expect(retry.headers.get("preference-applied")).toBe("wait=0");
    expect(retry.headers.get("retry-after")).toBe("1");
    expect(runs.reads).toBe(0);
    expect((await original).status).toBe(201);
  });

  it("When the retry prefers no wait, then the default applies (no Preference-Applied); a preferred wait over the maximum is cut to it", async () => {
    const held = gate();
    const { app, runs } = appWithKeys({ hold: held.promise, inFlightWait: { defaultSeconds: 1, maxSeconds: 1 } });
    await using running = await startApp(app.callback());
    const key = randomUUID();

    const original = post(running.url, key, { hold: true });
    await untilTaken(key);
    const byDefault = await post(running.url, key, { hold: true });
    const readsByDefault = runs.reads;
    const overTheMaximum = await post(running.url, key, { hold: true }, { Prefer: "wait=100" });
    held.open();

    expect(byDefault.status).toBe(409);
    expect(byDefault.headers.get("preference-applied")).toBeNull();
    expect(readsByDefault).toBeGreaterThan(0);
    expect(overTheMaximum.status).toBe(409);
    expect(overTheMaximum.headers.get("preference-applied")).toBe("wait=1");
    expect((await original).status).toBe(201);
  });

  it("When the first request fails validation while the retry waits, then the key is free and the retry is processed", async () => {
    await using held = await heldOnTwoInstances({ rejections: { remaining: 1 } });
    const { first, second, b, key, original } = held;
    const retry = post(b.url, key, { hold: true }, { Prefer: "wait=10" });
    await untilPolled(second.runs);
    held.open();

    expect((await original).status).toBe(400);
    const processed = await retry;
    expect(processed.status).toBe(201);
    expect(processed.headers.get("idempotent-replayed")).toBeNull();
    expect([first.runs.count, second.runs.count]).toEqual([0, 1]);
    expect(await second.metric("idempotency_key_wait_seconds_count", "processed")).toBe(1);
  });

  it("When the waiting client goes away, then the wait stops: the record is no longer polled", async () => {
    const held = gate();
    const { app, runs, metric } = appWithKeys({ hold: held.promise });
    await using running = await startApp(app.callback());
    const key = randomUUID();
    const original = post(running.url, key, { hold: true });
    await untilTaken(key);

    const body = JSON.stringify({ hold: true });
    const retry = request(`${running.url}/things`, {
      method: "POST",
      headers: { "Idempotency-Key": key, "Content-Type": "application/json", Prefer: "wait=30" },
    });
    retry.on("error", () => {});
    retry.end(body);
    await untilPolled(runs);
    retry.destroy();
    for (let i = 0; i < 100 && (await metric("idempotency_key_wait_seconds_count", "client_gone")) === undefined; i++) {
      await sleep(20);
    }
    const readsWhenGone = runs.reads;
    await sleep(1_200);
    held.open();

    expect(await metric("idempotency_key_wait_seconds_count", "client_gone")).toBe(1);
    expect(runs.reads).toBe(readsWhenGone);
    expect((await original).status).toBe(201);
  });
});
