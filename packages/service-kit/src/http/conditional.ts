import { InvalidRequestError } from "../errors/index.ts";
import type { AppContext } from "./app-context.ts";

/** A parsed If-Match / If-None-Match header: `*`, or a list of opaque tags (quotes included). */
export type EntityTagCondition = { readonly kind: "any" } | { readonly kind: "tags"; readonly tags: readonly string[] };

const ENTITY_TAG_LIST = /^\s*(?:W\/)?"[\x21\x23-\x7e\x80-\xff]*"\s*(?:,\s*(?:W\/)?"[\x21\x23-\x7e\x80-\xff]*"\s*)*$/;
const ENTITY_TAG = /(W\/)?("[^"]*")/g;

/**
 * If-Match uses the strong comparison (RFC 9110 §13.1.1): a weak tag can never match, so weak tags
 * are dropped. An absent header is `undefined`; a malformed one is a 400, not silently ignored.
 */
export function parseIfMatch(header: string | undefined): EntityTagCondition | undefined {
  return parseCondition(header, "If-Match", { keepWeak: false });
}

/** If-None-Match uses the weak comparison (RFC 9110 §13.1.2): `W/"x"` matches `"x"`. */
export function parseIfNoneMatch(header: string | undefined): EntityTagCondition | undefined {
  return parseCondition(header, "If-None-Match", { keepWeak: true });
}

/**
 * A conditional header as sent: undefined when absent, the value otherwise, an empty one included (which is
 * malformed, a 400, rather than the same as no condition).
 */
export function conditionHeader(ctx: AppContext, name: "If-Match" | "If-None-Match"): string | undefined {
  const value = ctx.req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(", ") : value;
}

function parseCondition(
  header: string | undefined,
  name: string,
  options: { keepWeak: boolean },
): EntityTagCondition | undefined {
  if (header === undefined) return undefined;
  if (header.trim() === "*") return { kind: "any" };
  if (!ENTITY_TAG_LIST.test(header)) {
    throw new InvalidRequestError(`${name} must be * or a list of quoted entity tags`);
  }
  const tags: string[] = [];
  for (const [, weak, tag] of header.matchAll(ENTITY_TAG)) {
    if (tag && (options.keepWeak || !weak)) tags.push(tag);
  }
  return { kind: "tags", tags };
}

/** Whether a condition holds for a resource whose current tag is `etag` (`undefined` when absent). */
export function conditionMatches(condition: EntityTagCondition, etag: string | undefined): boolean {
  if (etag === undefined) return false;
  return condition.kind === "any" || condition.tags.includes(etag);
}

/**
 * Whether a GET/HEAD can be answered 304 because If-None-Match names the current representation
 * (RFC 9110 §13.1.2). Koa's `ctx.fresh` is not used: it follows cache rules and says "not fresh" for
 * any request with `Cache-Control: no-cache`, which fetch clients add to every conditional request.
 */
export function isNotModified(method: string, ifNoneMatchHeader: string | undefined, etag: string): boolean {
  if (method !== "GET" && method !== "HEAD") return false;
  const condition = parseIfNoneMatch(ifNoneMatchHeader);
  return condition !== undefined && conditionMatches(condition, etag);
}
