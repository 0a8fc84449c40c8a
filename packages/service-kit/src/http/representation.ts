import type { Precondition, PutOutcome } from "../versioned-writes/index.ts";
import type { AppContext } from "./app-context.ts";
import { conditionHeader, isNotModified } from "./conditional.ts";
import { preconditionFromHeaders } from "./precondition-headers.ts";
import { type Answer, created, ok } from "./routes/answers.ts";

/** One state of a resource as one representation shows it: its body, and the version its ETag names. */
export type Representation = Readonly<{ name: string; version: number; body: object }>;

/**
 * Strong ETags from an aggregate's version, one per representation: the v1 and v2 forms of a resource,
 * and each of its parts, are different representations (RFC 9110 §8.8.3), so their tags differ and an
 * If-Match taken from one means exactly that state of that representation.
 */
export function etagOf(representation: string, version: number): string {
  return `"${representation}-${version}"`;
}

/** The version an ETag of this representation names; `undefined` for any other tag (it never matches). */
export function versionFromEtag(representation: string, etag: string): number | undefined {
  const prefix = `"${representation}-`;
  if (!etag.startsWith(prefix) || !etag.endsWith('"')) return undefined;
  const version = etag.slice(prefix.length, -1);
  return /^\d{1,15}$/.test(version) ? Number(version) : undefined;
}

/** The request's If-Match / If-None-Match against this representation, in domain terms. */
export function preconditionFor(ctx: AppContext, representation: string): Precondition {
  return preconditionFromHeaders(ctx, (etag) => versionFromEtag(representation, etag));
}

/** The representation with its strong ETag; a GET whose If-None-Match already has it gets a 304. */
export function respondWithRepresentation(ctx: AppContext, representation: Representation): void {
  const etag = etagOf(representation.name, representation.version);
  ctx.body = representation.body;
  ctx.etag = etag;
  if (isNotModified(ctx.method, conditionHeader(ctx, "If-None-Match"), etag)) ctx.status = 304;
}

/** 201 + Location on create, 200 otherwise; Content-Location says the body is the stored state. */
export function answerPut(ctx: AppContext, outcome: PutOutcome, location: string): void {
  ctx.status = outcome === "created" ? 201 : 200;
  if (outcome === "created") ctx.set("Location", location);
  ctx.set("Content-Location", location);
}

/** The answer form of `respondWithRepresentation`: 200 with the strong ETag (304 when If-None-Match has it). */
export function representationAnswer(representation: Representation): Answer {
  return { ...ok(representation.body), etag: etagOf(representation.name, representation.version) };
}

/** The answer form of `answerPut` with `respondWithRepresentation`: the stored representation and its ETag. */
export function putAnswer(outcome: PutOutcome, location: string, representation: Representation): Answer {
  const headers = { "Content-Location": location };
  const answer =
    outcome === "created" ? created(representation.body, location, headers) : ok(representation.body, headers);
  return { ...answer, etag: etagOf(representation.name, representation.version) };
}
