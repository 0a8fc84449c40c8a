import Router from "@koa/router";
import { http, startApp } from "@starter/testing";
import Koa from "koa";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors/index.ts";
import type { AppState } from "./app-context.ts";
import { errorHandler } from "./error-handler.ts";
import { commonErrorMap } from "./error-map.ts";
import { requestContext } from "./request-context.ts";

class DatabaseDown extends Error {}

function appThrowing(error: unknown): Koa<AppState> {
  const app = new Koa<AppState>();
  app.use(requestContext(pino({ level: "silent" })));
  app.use(
    errorHandler({
      errorMap: {
        ...commonErrorMap,
        "thing.broken": { status: 422, title: "Thing broken" },
        "upstream.slow": { status: 504, title: "Upstream too slow", retryAfterSeconds: 3 },
      },
      isUnavailable: (e) => e instanceof DatabaseDown,
      retryAfterSeconds: 7,
    }),
  );
  const router = new Router<AppState>();
  router.get("/boom", () => {
    throw error;
  });
  app.use(router.routes());
  return app;
}

describe("errorHandler", () => {
  it("When a typed error is thrown, then its code's problem is answered with pointers", async () => {
    const error = new AppError("thing.broken", "the thing broke", { violations: [{ path: ["a", 0], detail: "bad" }] });
    await using app = await startApp(appThrowing(error).callback());
    const response = await http(`${app.url}/boom`);

    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({
      type: "urn:problem-type:thing.broken",
      title: "Thing broken",
      detail: "the thing broke",
      errors: [{ pointer: "/a/0", detail: "bad" }],
    });
  });

  it("When the code's problem says a retry can help, then it carries Retry-After; others do not", async () => {
    await using slow = await startApp(appThrowing(new AppError("upstream.slow", "too slow")).callback());
    await using broken = await startApp(appThrowing(new AppError("thing.broken", "broke")).callback());
    const timedOut = await http(`${slow.url}/boom`);

    expect(timedOut.status).toBe(504);
    expect(timedOut.headers.get("retry-after")).toBe("3");
    expect((await http(`${broken.url}/boom`)).headers.get("retry-after")).toBeNull();
  });

  it("When an unexpected error is thrown, then 500 exposes nothing of it", async () => {
    await using app = await startApp(appThrowing(new Error("secret driver detail at /srv/app.js:1")).callback());
    const response = await http(`${app.url}/boom`);

    expect(response.status).toBe(500);
    expect(JSON.stringify(response.body)).not.toContain("secret");
  });

  it("When a typed error has a code missing from the map, then it is a 500 too, not a guess", async () => {
    await using app = await startApp(appThrowing(new AppError("not.mapped", "internal detail")).callback());
    const response = await http(`${app.url}/boom`);

    expect(response.status).toBe(500);
    expect(JSON.stringify(response.body)).not.toContain("internal detail");
  });

  it("When the database is unavailable, then 503 with Retry-After", async () => {
    await using app = await startApp(appThrowing(new DatabaseDown("connection refused")).callback());
    const response = await http(`${app.url}/boom`);

    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("7");
    expect(JSON.stringify(response.body)).not.toContain("connection refused");
  });
});
