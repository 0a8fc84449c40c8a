import type { z } from "zod";
import type { Principal } from "../../access/index.ts";
import type { Precondition } from "../../versioned-writes/index.ts";
import { preconditionFor, respondWithRepresentation } from "../representation.ts";
import { type DeclaredResponse, defineRoute, type Route } from "./route.ts";

/** The path parameters of one resource: its client-chosen id. */
export type ResourceParams = z.ZodObject<{ id: z.ZodType<string> }>;

/** What every route of one versioned resource declares. */
export type ResourceRoute<Code extends string> = Readonly<{
  operationId: string;
  /** In OpenAPI form, with `{id}`. */
  path: string;
  params: ResourceParams;
  summary: string;
  description: string;
  tag?: string;
  /** Names this representation's ETags (`v2-delivery`): a tag of another one never matches. */
  representation: string;
  errors: readonly Code[];
  /** The scopes its caller's token must hold (see `RouteDeclaration.scopes`). */
  scopes?: readonly string[];
}>;

/** GET of one representation of a versioned resource: its strong ETag, and a 304 when If-None-Match has it. */
export function readRoute<Code extends string>(
  route: ResourceRoute<Code> & {
    response: DeclaredResponse;
    /** Reads it for the caller (absent when the service does not authenticate): someone else's is not found. */
    read: (id: string, principal: Principal | undefined) => Promise<{ version: number; body: object }>;
  },
): Route<Code> {
  const { representation } = route;
  return defineRoute({
    ...resourceDeclaration(route),
    method: "get",
    responses: {
      "200": { ...route.response, headers: ["ETag"] },
      "304": { description: "Not modified: If-None-Match names the current representation." },
    },
    handle: async (ctx, { params, principal }) => {
      const { version, body } = await route.read(params.id, principal);
      respondWithRepresentation(ctx, { name: representation, version, body });
    },
  });
}

/**
 * DELETE of a versioned resource, idempotent: 204 whether it was there or not, unless the client's
 * If-Match / If-None-Match (on this representation's ETags) says otherwise.
 */
export function deleteRoute<Code extends string>(
  route: ResourceRoute<Code> & {
    remove: (id: string, precondition: Precondition, principal: Principal | undefined) => Promise<unknown>;
  },
): Route<Code> {
  const { representation } = route;
  return defineRoute({
    ...resourceDeclaration(route),
    method: "delete",
    responses: { "204": { description: "Gone (or was never there)." } },
    handle: async (ctx, { params, principal }) => {
      await route.remove(params.id, preconditionFor(ctx, representation), principal);
      ctx.status = 204;
    },
  });
}

/** What every resource route declares alike: its names and description, path and id, errors, tag and scopes. */
export function resourceDeclaration<Code extends string>(route: ResourceRoute<Code>) {
  const { operationId, path, summary, description, errors, params } = route;
  return {
    ...{ operationId, path, summary, description, errors, params },
    ...(route.tag && { tag: route.tag }),
    ...(route.scopes && { scopes: route.scopes }),
  };
}
