import { randomUUID } from "node:crypto";
import { request } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { startApp } from "@starter/testing";
import { describe, expect, it } from "vitest";
import {
  appWithKeys,
  gate,
  heldOnTwoInstances,
  post,
  untilPolled,
  untilTaken,
} from "../../../test/idempotency-test-apps.ts";

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
