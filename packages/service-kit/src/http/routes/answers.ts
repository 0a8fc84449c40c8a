import type { AppContext } from "../app-context.ts";
import { conditionHeader, isNotModified } from "../conditional.ts";

/**
 * What a handler answers, as a value: the router writes it. A handler that returns one cannot forget a
 * header or leave a status half set, and its answer is checked against its declaration like any other.
 */
export type Answer = Readonly<{
  status: number;
  body?: unknown;
  headers?: Readonly<Record<string, string>>;
  /** The strong ETag of the representation in the body; a GET whose If-None-Match has it gets a 304. */
  etag?: string;
}>;

type Headers = Readonly<Record<string, string>>;

export function ok(body: unknown, headers: Headers = {}): Answer {
  return { status: 200, body, headers };
}

export function created(body: unknown, location: string, headers: Headers = {}): Answer {
  return { status: 201, body, headers: { Location: location, ...headers } };
}

/** Taken on, not done yet: the body says where to follow it (a long operation's status monitor). */
export function accepted(body: unknown, headers: Headers = {}): Answer {
  return { status: 202, body, headers };
}

export function noContent(headers: Headers = {}): Answer {
  return { status: 204, headers };
}

/** Writes a returned answer: status, headers, body, and the ETag with its 304 (as `respondWithRepresentation`). */
export function writeAnswer(ctx: AppContext, answer: Answer): void {
  ctx.status = answer.status;
  for (const [name, value] of Object.entries(answer.headers ?? {})) ctx.set(name, value);
  if (answer.body !== undefined) ctx.body = answer.body;
  if (answer.etag === undefined) return;
  ctx.etag = answer.etag;
  if (isNotModified(ctx.method, conditionHeader(ctx, "If-None-Match"), answer.etag)) ctx.status = 304;
}
