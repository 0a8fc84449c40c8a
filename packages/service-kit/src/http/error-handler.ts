import type { Middleware } from "koa";
import { AppError } from "../errors/index.ts";
import type { AppContext, AppState } from "./app-context.ts";
import { commonErrorMap, type ErrorMap } from "./error-map.ts";
import { toJsonPointer } from "./json-pointer.ts";
import { writeProblem } from "./problem-response.ts";

export type ErrorHandlerOptions = {
  /** The service's table: `commonErrorMap` plus its domain codes. */
  readonly errorMap: ErrorMap;
  /** Recognises errors that mean "the database cannot be reached right now" (503, retry later). */
  readonly isUnavailable: (error: unknown) => boolean;
  readonly retryAfterSeconds: number;
};

/**
 * The one catch at the top of the chain: typed errors become problem+json through the error map, an
 * unreachable database becomes 503 + Retry-After, and anything else a 500 that exposes nothing
 * (the stack goes to the log, never to the client). Unrouted requests become 404/405 problems too.
 */
export function errorHandler(options: ErrorHandlerOptions): Middleware<AppState> {
  const respond = errorResponder(options);
  return async (ctx, next) => {
    try {
      await next();
      writeUnroutedProblem(ctx);
    } catch (error) {
      respond(ctx, error);
    }
  };
}

/** The error handler's answer to one error, for middleware that must render an error itself (to store it). */
export function errorResponder(options: ErrorHandlerOptions): (ctx: AppContext, error: unknown) => void {
  return (ctx, error) => respondToError(ctx, error, options);
}

/**
 * What the router left unanswered. @koa/router answers a method it implements for no route with 501; by
 * RFC 9110 a method the resource does not allow is a 405 with `Allow` (TRACE, PATCH, ...), and a path with
 * no resource at all is a 404, whatever the method.
 */
function writeUnroutedProblem(ctx: AppContext): void {
  if (ctx.body != null) return;
  const allow = ctx.response.get("Allow");
  if (ctx.status === 404 || (ctx.status === 501 && !allow)) {
    writeProblem(ctx, {
      code: "route.not_found",
      spec: commonErrorMap["route.not_found"],
      detail: `no resource at ${ctx.path}`,
    });
  } else if (ctx.status === 405 || ctx.status === 501) {
    const detail = `${ctx.method} is not allowed here; allowed: ${allow}`;
    writeProblem(ctx, { code: "route.method_not_allowed", spec: commonErrorMap["route.method_not_allowed"], detail });
  }
}

function respondToError(ctx: AppContext, error: unknown, options: ErrorHandlerOptions): void {
  const mapped = error instanceof AppError ? options.errorMap[error.code] : undefined;
  if (error instanceof AppError && mapped) {
    const errors = error.violations.map((v) => ({ pointer: toJsonPointer(v.path), detail: v.detail }));
    writeProblem(ctx, { code: error.code, spec: mapped, detail: error.message, errors });
    for (const [name, value] of Object.entries(error.headers)) ctx.set(name, value);
    // A 503 says "not now" (a deadline passed, a dependency is down), not a fault in the code: no stack,
    // which would cost the most exactly when the service is overloaded.
    if (mapped.status === 503) ctx.state.log.warn({ code: error.code, detail: error.message }, "request refused");
    else if (mapped.status >= 500) ctx.state.log.error({ err: error }, "request failed");
    return;
  }
  if (options.isUnavailable(error)) {
    ctx.state.log.warn({ err: error }, "database unavailable");
    writeProblem(ctx, {
      code: "service.unavailable",
      spec: commonErrorMap["service.unavailable"],
      detail: "a dependency is unavailable; retry later",
    });
    ctx.set("Retry-After", String(options.retryAfterSeconds));
    return;
  }
  const clientError = exposedClientError(error);
  if (clientError) {
    writeProblem(ctx, {
      code: "request.invalid",
      spec: { status: clientError.status, title: clientError.message },
      detail: clientError.message,
    });
    return;
  }
  ctx.state.log.error({ err: error }, "request failed");
  writeProblem(ctx, { code: "service.internal", spec: commonErrorMap["service.internal"] });
}

/** Koa's and the router's own http-errors (`ctx.throw(400)`): client errors whose message is safe to show. */
function exposedClientError(error: unknown): { status: number; message: string } | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { status, expose, message } = error as { status?: unknown; expose?: unknown; message?: unknown };
  if (typeof status !== "number" || status < 400 || status >= 500 || expose !== true) return undefined;
  return { status, message: typeof message === "string" ? message : "Bad request" };
}
