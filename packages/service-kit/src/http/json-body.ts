import { TextDecoder } from "node:util";
import type { Middleware } from "koa";
import getRawBody from "raw-body";
import { InvalidRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from "../errors/index.ts";
import type { AppContext, AppState } from "./app-context.ts";
import { findJsonViolations } from "./json-guards.ts";

export type JsonBodyOptions = {
  readonly limitBytes: number;
  readonly maxDepth: number;
};

const METHODS_WITH_BODY = new Set(["POST", "PUT", "PATCH"]);

/**
 * Reads, decodes and guards a JSON request body into `ctx.state.body`. Refuses, before any handler runs:
 * a non-JSON content type or a Content-Encoding (415), a body over the limit (413: from Content-Length
 * before reading where it is given, and counted while reading in any case), invalid UTF-8 or JSON (400),
 * and what `findJsonViolations` rejects (400).
 */
export function jsonBody(options: JsonBodyOptions): Middleware<AppState> {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  return async (ctx, next) => {
    ctx.state.body = undefined;
    if (METHODS_WITH_BODY.has(ctx.method) && ctx.request.length !== 0 && hasBody(ctx)) {
      assertJsonContentType(ctx);
      assertNotEncoded(ctx);
      if (ctx.request.length > options.limitBytes) throw new PayloadTooLargeError(options.limitBytes);
      const raw = await readRaw(ctx, options.limitBytes);
      ctx.state.body = parseJson(decoder, raw);
      const violations = findJsonViolations(ctx.state.body, { maxDepth: options.maxDepth });
      if (violations.length > 0)
        throw new InvalidRequestError("the body contains values that are not allowed", violations);
    }
    await next();
  };
}

function hasBody(ctx: AppContext): boolean {
  return ctx.get("Transfer-Encoding") !== "" || ctx.get("Content-Length") !== "";
}

function assertJsonContentType(ctx: AppContext): void {
  // Node keeps the first of two Content-Types; a proxy in front may keep the last: the body must not be read two ways.
  if (timesGiven(ctx, "content-type") > 1) throw new InvalidRequestError("Content-Type is given more than once");
  if (!ctx.request.is("application/json", "+json")) {
    throw new UnsupportedMediaTypeError(
      `expected application/json, got ${ctx.get("Content-Type") || "no content type"}`,
    );
  }
  const charset = ctx.request.charset;
  if (charset && charset.toLowerCase() !== "utf-8") {
    throw new UnsupportedMediaTypeError(`JSON must be UTF-8, got charset=${charset}`);
  }
}

function timesGiven(ctx: AppContext, header: string): number {
  return ctx.req.rawHeaders.filter((name, i) => i % 2 === 0 && name.toLowerCase() === header).length;
}

/**
 * Compressed request bodies are refused, not decoded: request bodies here are small JSON documents, and
 * decoding would need its own bound on the decoded size (a few kilobytes of gzip can inflate to gigabytes).
 * RFC 7694: 415 with the encodings that are accepted.
 */
function assertNotEncoded(ctx: AppContext): void {
  const encoding = ctx.get("Content-Encoding").trim().toLowerCase();
  if (encoding === "" || encoding === "identity") return;
  ctx.set("Accept-Encoding", "identity");
  throw new UnsupportedMediaTypeError(`Content-Encoding ${encoding} is not accepted: send the body uncompressed`);
}

async function readRaw(ctx: AppContext, limitBytes: number): Promise<Buffer> {
  try {
    return await getRawBody(ctx.req, { limit: limitBytes });
  } catch (error) {
    if ((error as { type?: string }).type === "entity.too.large") throw new PayloadTooLargeError(limitBytes);
    throw new InvalidRequestError("the body could not be read");
  }
}

function parseJson(decoder: TextDecoder, raw: Buffer): unknown {
  let text: string;
  try {
    text = decoder.decode(raw);
  } catch {
    throw new InvalidRequestError("the body is not valid UTF-8");
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidRequestError(`the body is not valid JSON: ${(error as Error).message}`);
  }
}
