import type { IncomingMessage } from "node:http";
import type { Middleware } from "koa";
import type { AppState } from "./app-context.ts";

/**
 * A body this large or smaller is read and thrown away after an answer given before it was read (413, 415,
 * a 400 on a header, a 404), so the keep-alive connection it came on serves the next request. Above the
 * largest body limit a service can be configured with (10 MiB), so a body only just too large is drained.
 */
export const DRAIN_MAX_BYTES = 16 * 1024 * 1024;

/**
 * Keeps a connection usable after an early answer. Node leaves the unread rest of a body on the socket
 * once something has started reading it, and the next request on that connection is then never answered
 * (the client sees a reset when the keep-alive timeout closes the socket). This answers with
 * `Connection: close` when the body announces more than `DRAIN_MAX_BYTES`, and otherwise reads the rest and
 * discards it, closing the socket if more than that arrives after all (a chunked body).
 */
export function unreadBody(): Middleware<AppState> {
  return async (ctx, next) => {
    try {
      await next();
    } finally {
      if (!ctx.req.complete) {
        if (ctx.request.length > DRAIN_MAX_BYTES) ctx.set("Connection", "close");
        discardRest(ctx.req);
      }
    }
  };
}

function discardRest(req: IncomingMessage): void {
  let discarded = 0;
  req.on("data", (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > DRAIN_MAX_BYTES) req.socket.destroy();
  });
  req.resume();
}
