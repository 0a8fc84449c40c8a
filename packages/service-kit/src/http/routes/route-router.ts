import Router from "@koa/router";
import type { Middleware } from "koa";
import { InsufficientScopeError } from "../../access/index.ts";
import type { AppContext, AppState } from "../app-context.ts";
import { singleValuedQuery } from "../query.ts";
import { parseRequest } from "../validate.ts";
import { writeAnswer } from "./answers.ts";
import type { Route } from "./route.ts";

export type RouteRouterOptions = Readonly<{
  /** A success or redirect status a route's `responses` do not list is a 500 (for tests; see `ServiceAppOptions`). */
  refuseUndocumentedStatuses?: boolean;
}>;

/** `/v2/deliveries/{id}` -> `/v2/deliveries/:id`. */
export function koaPath(openApiPath: string): string {
  return openApiPath.replace(/\{(\w+)\}/g, ":$1");
}

/**
 * One router for every declared route of an app, so a path known with another method answers 405 with
 * `Allow` (whichever router would have served it), and a method no route has answers the same way.
 */
export function routeRouter(routes: readonly Route[], options: RouteRouterOptions = {}): Router<AppState> {
  const router = new Router<AppState>();
  for (const route of routes) {
    const named: Middleware<AppState> = (ctx, next) => {
      ctx.state.route = route.path;
      return next();
    };
    const scoped = route.scopes ? [requiredScopes(route.scopes)] : [];
    router[route.method](koaPath(route.path), named, ...scoped, ...(route.middleware ?? []), async (ctx) => {
      const input = parseInput(route, ctx);
      await route.check?.(input);
      ctx.state.processingStarted = true;
      const answer = await route.handle(ctx, input);
      if (answer) writeAnswer(ctx, answer);
      if (options.refuseUndocumentedStatuses) assertStatusDocumented(route, ctx.status);
    });
  }
  return router;
}

/**
 * A 1xx-3xx the declaration does not list would be missing from the document clients are generated from.
 * Error statuses are not looked at: the error handler renders them from the error map, which documents them.
 */
function assertStatusDocumented(route: Route, status: number): void {
  if (status >= 400 || Object.hasOwn(route.responses, String(status))) return;
  throw new Error(`${route.operationId} answered ${status}, which its declaration's responses do not list`);
}

/** A caller whose token lacks a scope is refused (403) before the route's own middleware runs. */
function requiredScopes(scopes: readonly string[]): Middleware<AppState> {
  return (ctx, next) => {
    const principal = ctx.state.principal;
    // No principal: the service does not authenticate (AUTH_MODE=off), so there is nothing to hold against.
    if (principal && !scopes.every((scope) => principal.scopes.has(scope))) throw new InsufficientScopeError(scopes);
    return next();
  };
}

function parseInput(route: Route, ctx: AppContext & { params: Record<string, string> }) {
  return {
    params: route.params && parseRequest(route.params, ctx.params, "path parameters"),
    query: route.query && parseRequest(route.query, singleValuedQuery(ctx.query), "query"),
    body: route.body && parseRequest(route.body.schema, ctx.state.body, "body"),
    principal: ctx.state.principal,
  };
}
