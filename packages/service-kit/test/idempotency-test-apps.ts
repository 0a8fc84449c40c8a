/**
 * Apps with the Idempotency-Key middleware over one real database, for the middleware's tests: instances
 * of one service that share nothing but the database, a first request that can be held in flight, and waits
 * bounded in time.
 */
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import Router from "@koa/router";
import { connectTestDatabase, http, metricValue, startApp, type TestDatabase } from "@starter/testing";
import Koa from "koa";
import { pino } from "pino";
import { Registry } from "prom-client";
import { afterAll, beforeAll, expect } from "vitest";
import { AppError, InvalidRequestError } from "../src/errors/index.ts";
import type { AppState } from "../src/http/app-context.ts";
import { errorHandler, errorResponder } from "../src/http/error-handler.ts";
import { commonErrorMap } from "../src/http/error-map.ts";
import { idempotencyKeys } from "../src/http/idempotency/idempotency-keys.ts";
import type { InFlightWaitOptions } from "../src/http/idempotency/in-flight-wait.ts";
import { jsonBody } from "../src/http/json-body.ts";
import { requestContext } from "../src/http/request-context.ts";
import { requestDeadline } from "../src/http/request-deadline.ts";
import type { IdempotencyStore } from "../src/idempotency/index.ts";
import { createHttpMetrics } from "../src/metrics/index.ts";
import { MongoIdempotencyStore } from "../src/mongo/idempotency-store.ts";

/** The test file's database (connected before its tests, closed after). */
export let database: TestDatabase;
beforeAll(async () => {
  database = await connectTestDatabase();
});
afterAll(async () => {
  await database[Symbol.asyncDispose]();
});

export type AppOptions = {
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
export function appWithKeys(options: AppOptions = {}) {
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

export function countingReads(store: IdempotencyStore, runs: { reads: number }): IdempotencyStore {
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
export function gate() {
  const { promise, resolve } = Promise.withResolvers<void>();
  return { promise, open: () => resolve() };
}

/**
 * Two instances of one service on the database, and a first request on the first instance holding a new key
 * until `open()`: what a retry of that key meets while the first request is in flight.
 */
export async function heldOnTwoInstances(options: AppOptions = {}, secondOnly: AppOptions = {}) {
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
export async function untilTaken(key: string): Promise<void> {
  const keys = database.db.collection<{ _id: string }>("idempotency_keys");
  for (let i = 0; i < 250 && !(await keys.findOne({ _id: `anonymous:${key}` })); i++) await sleep(20);
}

/** Until the app has polled the key's record: the retry is waiting (bounded: 5 s). */
export async function untilPolled(runs: { reads: number }): Promise<void> {
  for (let i = 0; i < 250 && runs.reads === 0; i++) await sleep(20);
  expect(runs.reads).toBeGreaterThan(0);
}

export const post = (url: string, key: string, json: unknown, headers: Record<string, string> = {}) =>
  http(`${url}/things`, { method: "POST", json, headers: { "Idempotency-Key": key, ...headers } });
