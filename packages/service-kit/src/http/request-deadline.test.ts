import { http, startApp } from "@starter/testing";
import { describe, expect, it } from "vitest";
import { testAppOptions } from "../../test/app-options.ts";
import { currentDeadline } from "../deadlines/index.ts";
import { callerTimeoutMs, REQUEST_TIMEOUT_HEADER } from "./request-deadline.ts";
import { defineRoute } from "./routes/route.ts";
import { createServiceApp } from "./service-app.ts";

const SETTING_MS = 5_000;

/** Answers the time its request has left, as the state and the async context both see it. */
const remaining = defineRoute({
  operationId: "getRemaining",
  method: "get",
  path: "/v1/remaining",
  summary: "Remaining time",
  description: "A test route.",
  responses: { "200": { description: "The request's remaining ms." } },
  handle: (ctx) => {
    ctx.body = { state: ctx.state.deadline?.remainingMs(), context: currentDeadline()?.remainingMs() };
  },
});

/** Waits for its deadline, as a call cancelled by the deadline's signal does (a bounded test: it has one). */
const slow = defineRoute({
  operationId: "getSlow",
  method: "get",
  path: "/v1/slow",
  summary: "Slow",
  description: "A test route.",
  responses: { "200": { description: "Never: it waits for the deadline." } },
  handle: async (ctx) => {
    const signal = ctx.state.deadline?.signal ?? AbortSignal.timeout(10_000);
    await new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason), { once: true }));
  },
});

const app = (requestDeadlineMs: number | undefined) =>
  createServiceApp(
    testAppOptions([remaining, slow], {
      limits: { bodyLimitBytes: 1_024, jsonMaxDepth: 8, requestDeadlineMs },
    }),
  );

describe("each request's deadline", () => {
  it("When a request sends no header, then its deadline is the setting, on the state and in its async context", async () => {
    await using running = await startApp(app(SETTING_MS).callback());
    const response = await http(`${running.url}/v1/remaining`);

    expect(response.status).toBe(200);
    expect(response.body.state).toBeGreaterThan(SETTING_MS - 1_000);
    expect(response.body.state).toBeLessThanOrEqual(SETTING_MS);
    expect(response.body.context).toBeGreaterThan(SETTING_MS - 1_000);
  });

  it("When the caller sends a shorter X-Request-Timeout-Ms, then that is the deadline", async () => {
    await using running = await startApp(app(SETTING_MS).callback());
    const response = await http(`${running.url}/v1/remaining`, { headers: { [REQUEST_TIMEOUT_HEADER]: "700" } });

    expect(response.body.state).toBeLessThanOrEqual(700);
    expect(response.body.state).toBeGreaterThan(0);
  });

  it("When the caller sends a longer X-Request-Timeout-Ms, then the setting still bounds the request", async () => {
    await using running = await startApp(app(SETTING_MS).callback());
    const response = await http(`${running.url}/v1/remaining`, { headers: { [REQUEST_TIMEOUT_HEADER]: "600000" } });

    expect(response.body.state).toBeLessThanOrEqual(SETTING_MS);
  });

  it.each(["abc", "-5", "1e3", "12.5", "1234567890", "7 ms", "0x10"])(
    "When X-Request-Timeout-Ms is %j, then it is ignored (the setting applies), never an error",
    async (value) => {
      await using running = await startApp(app(SETTING_MS).callback());
      const response = await http(`${running.url}/v1/remaining`, { headers: { [REQUEST_TIMEOUT_HEADER]: value } });

      expect(response.status).toBe(200);
      expect(response.body.state).toBeGreaterThan(SETTING_MS - 1_000);
    },
  );

  it("When the caller has no time left (0), then 503 problem+json with Retry-After, before the route runs", async () => {
    await using running = await startApp(app(SETTING_MS).callback());
    const response = await http(`${running.url}/v1/remaining`, { headers: { [REQUEST_TIMEOUT_HEADER]: "0" } });

    expect(response.status).toBe(503);
    expect(response.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(response.body.type).toBe("urn:problem-type:request.deadline_exceeded");
  });

  it("When the work waits past the deadline, then it is cancelled by the deadline's signal and answered 503 with Retry-After", async () => {
    await using running = await startApp(app(SETTING_MS).callback());
    const started = performance.now();
    const response = await http(`${running.url}/v1/slow`, { headers: { [REQUEST_TIMEOUT_HEADER]: "200" } });
    const tookMs = performance.now() - started;

    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(response.body.type).toBe("urn:problem-type:request.deadline_exceeded");
    // The setting is 5 s: only the caller's 200 ms can have ended it this early.
    expect(tookMs).toBeLessThan(SETTING_MS);
  });

  it("When the app is built without a deadline (the gateway), then requests carry none", async () => {
    await using running = await startApp(app(undefined).callback());
    const response = await http(`${running.url}/v1/remaining`, { headers: { [REQUEST_TIMEOUT_HEADER]: "0" } });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({});
  });
});

describe("callerTimeoutMs", () => {
  it("reads up to nine digits and nothing else", () => {
    expect(callerTimeoutMs("250")).toBe(250);
    expect(callerTimeoutMs("999999999")).toBe(999_999_999);
    expect(callerTimeoutMs("")).toBeUndefined();
    expect(callerTimeoutMs("+250")).toBeUndefined();
  });
});
