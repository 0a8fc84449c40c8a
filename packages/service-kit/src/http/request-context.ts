import { randomUUID } from "node:crypto";
import type { Middleware } from "koa";
import type { Logger } from "../logging/index.ts";
import type { AppState } from "./app-context.ts";

export const REQUEST_ID_HEADER = "X-Request-Id";

/** Accepted from a caller as is; anything else is replaced, so a header can never inject into logs. */
const VALID_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Outermost middleware: gives the request an id (the caller's when valid), echoes it, hangs a child
 * logger carrying it on `ctx.state.log`, and writes one line when the response is done, naming the API
 * major that served it and the caller's client (the token's `azp`, else `client_id`, else `sub`; never
 * the token) where there are.
 */
export function requestContext(logger: Logger): Middleware<AppState> {
  return async (ctx, next) => {
    const started = performance.now();
    const given = ctx.get(REQUEST_ID_HEADER);
    ctx.state.requestId = VALID_REQUEST_ID.test(given) ? given : randomUUID();
    ctx.state.log = logger.child({ requestId: ctx.state.requestId });
    ctx.set(REQUEST_ID_HEADER, ctx.state.requestId);
    try {
      await next();
    } finally {
      const durationMs = Math.round((performance.now() - started) * 10) / 10;
      const { apiMajor, principal } = ctx.state;
      ctx.state.log.info(
        { method: ctx.method, path: ctx.path, status: ctx.status, durationMs, apiMajor, client: principal?.clientId },
        "request",
      );
    }
  };
}
