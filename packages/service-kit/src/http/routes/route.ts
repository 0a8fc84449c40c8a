import type { Middleware } from "koa";
import type { z } from "zod";
import type { Principal } from "../../access/index.ts";
import type { AppContext, AppState } from "../app-context.ts";
import type { Answer } from "./answers.ts";

export type HttpMethod = "get" | "put" | "post" | "delete";

/** Response headers a declaration can name; the document describes each one the same way everywhere. */
export type ResponseHeader = "ETag" | "Location" | "Content-Location" | "Retry-After" | "Preference-Applied";

/** A success or redirect answer: a JSON body (or none), and the headers it carries. */
export type DeclaredResponse = {
  readonly description: string;
  readonly schema?: z.ZodType;
  /** What the body looks like, for readers and generated clients: required with a schema, and must parse with it. */
  readonly example?: unknown;
  readonly headers?: readonly ResponseHeader[];
  /** OpenAPI links: where a client (or a fuzzer) goes next with what this answer holds. */
  readonly links?: Readonly<Record<string, { operationId: string; parameters: Readonly<Record<string, string>> }>>;
};

/** A part of the request a route does not declare: nothing is parsed, the handler gets `undefined`. */
type Undeclared = z.ZodUndefined;

/** What the route's schemas made of the request: the handler never sees unparsed input. */
export type RouteInput<Params extends z.ZodType, Query extends z.ZodType, Body extends z.ZodType> = {
  readonly params: z.output<Params>;
  readonly query: z.output<Query>;
  readonly body: z.output<Body>;
  /** Who is calling, from its verified token; absent when the service does not authenticate. */
  readonly principal: Principal | undefined;
};

/**
 * One route, declared once: the router serves it and the OpenAPI document describes it from this same
 * object, so the two cannot drift. Path, query and body are parsed with their schemas before `handle`
 * runs (a mismatch is a 400 pointing at each bad member); `errors` are the codes it can raise, documented
 * with the status and title the service's error map gives them.
 */
export type RouteDeclaration<
  Code extends string,
  Params extends z.ZodObject | Undeclared,
  Query extends z.ZodObject | Undeclared,
  Body extends z.ZodType,
> = {
  /** Stable, camelCase, named for what it does: what a generated client calls the method. */
  readonly operationId: string;
  readonly method: HttpMethod;
  /** In OpenAPI form: `/v2/deliveries/{id}`. A path outside `/v<major>/` is in no version's document. */
  readonly path: string;
  /** A line: what it does. */
  readonly summary: string;
  /** What a client needs to know to use it well: its rules, its answers, what to do next. */
  readonly description: string;
  /** The resource it belongs to, which groups it in the document and the docs page (default: from the path). */
  readonly tag?: string;
  readonly params?: Params;
  readonly query?: Query;
  readonly body?: { readonly schema: Body; readonly example: z.input<Body> };
  /** Request headers read by the route's middleware (documented; the middleware parses them). */
  readonly headers?: z.ZodObject;
  readonly responses: Readonly<Record<string, DeclaredResponse>>;
  readonly errors?: readonly Code[];
  /**
   * The scopes a caller's token must all hold (`deliveries:write`) when the service authenticates: without
   * them a 403. The document lists them as the operation's security requirement. None: no token needed.
   */
  readonly scopes?: readonly string[];
  /** Runs before the input is parsed (an Idempotency-Key, for example). */
  readonly middleware?: readonly Middleware<AppState>[];
  /**
   * Checks made before anything changes (404, 409). The router marks processing as started only after
   * they pass, so an Idempotency-Key does not remember their failures: the client may fix and retry.
   */
  readonly check?: (input: RouteInput<Params, Query, Body>) => Promise<void>;
  /** Returns an answer for the router to write (`ok`, `created`, ...), or nothing when it wrote `ctx` itself. */
  readonly handle: (
    ctx: AppContext,
    input: RouteInput<Params, Query, Body>,
  ) => Promise<Answer | undefined> | Promise<void> | Answer | void;
};

/** A declaration with its input types erased, so routes of any shape fit one list. */
export type Route<Code extends string = string> = Omit<
  RouteDeclaration<Code, z.ZodObject, z.ZodObject, z.ZodType>,
  "body" | "check" | "handle"
> & {
  readonly body?: { readonly schema: z.ZodType; readonly example: unknown };
  readonly check?: (input: ParsedInput) => Promise<void>;
  readonly handle: (ctx: AppContext, input: ParsedInput) => Promise<Answer | undefined> | Promise<void> | Answer | void;
};

type ParsedInput = {
  readonly params: unknown;
  readonly query: unknown;
  readonly body: unknown;
  readonly principal: Principal | undefined;
};

export function defineRoute<
  Code extends string,
  Params extends z.ZodObject | Undeclared = Undeclared,
  Query extends z.ZodObject | Undeclared = Undeclared,
  Body extends z.ZodType = Undeclared,
>(declaration: RouteDeclaration<Code, Params, Query, Body>): Route<Code> {
  return declaration as unknown as Route<Code>;
}
