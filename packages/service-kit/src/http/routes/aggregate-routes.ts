import type { z } from "zod";
import { type Access, accessOf, type Principal } from "../../access/index.ts";
import type { Page, PageRequest, Precondition } from "../../versioned-writes/index.ts";
import { type ListFilter, type ListQuery, type ListRouteDeclaration, listRoute } from "./list-route.ts";
import { type PutRouteDeclaration, putRoute, type StoredRepresentation } from "./put-route.ts";
import { deleteRoute, type ResourceParams, type ResourceRoute, readRoute } from "./resource-routes.ts";
import type { DeclaredResponse, Route } from "./route.ts";

/** How a caller becomes its `Access`: by the aggregate's administrative scope, or by the service's own function. */
type CallerAccess =
  | Readonly<{ adminScope: string }>
  | Readonly<{ accessOf: (principal: Principal | undefined) => Access }>;

/** What every route of one aggregate shares, declared once. */
export type AggregateRoutesBase = CallerAccess &
  Readonly<{
    /** The item, in OpenAPI form, with `{id}`: `/v1/notes/{id}`. */
    path: string;
    params: ResourceParams;
    /** Names the item's ETags (`v1-note`). */
    representation: string;
    tag?: string;
    /** The scopes a caller's token must hold to read (`read`, `list`) and to write (`put`, `remove`). */
    scopes?: Readonly<{ read: readonly string[]; write: readonly string[] }>;
  }>;

/** What one route of the family declares besides the base. */
type OwnDeclaration<Code extends string> = Omit<
  ResourceRoute<Code>,
  "path" | "params" | "representation" | "tag" | "scopes"
>;

export type AggregateRoutes = {
  read<Code extends string>(
    route: OwnDeclaration<Code> & {
      response: DeclaredResponse;
      read: (id: string, access: Access) => Promise<{ version: number; body: object }>;
    },
  ): Route<Code>;
  put<Code extends string, Body extends z.ZodType<object>>(
    route: OwnDeclaration<Code> &
      Pick<PutRouteDeclaration<Code, Body>, "body" | "response" | "descriptions" | "location"> & {
        put: (
          id: string,
          body: z.output<Body>,
          precondition: Precondition,
          access: Access,
        ) => Promise<StoredRepresentation>;
      },
  ): Route<Code>;
  remove<Code extends string>(
    route: OwnDeclaration<Code> & {
      remove: (id: string, precondition: Precondition, access: Access) => Promise<unknown>;
    },
  ): Route<Code>;
  /** The collection has a path of its own (`/v1/notes`), the next link's. */
  list<Code extends string, Query extends ListQuery, Item extends { readonly id: string }>(
    route: Omit<ListRouteDeclaration<Code, Query, Item>, "list" | "tag" | "scopes"> & {
      list: (filter: ListFilter<Query>, page: PageRequest, access: Access) => Promise<Page<Item>>;
    },
  ): Route<Code>;
};

/**
 * The resource routes of one aggregate over one base: each callback is handed the caller's `Access` (its
 * own objects, or everything), decided here once, so no handler turns a principal into access itself.
 */
export function aggregateRoutes(base: AggregateRoutesBase): AggregateRoutes {
  const accessFor = callerAccess(base);
  const tag = base.tag ? { tag: base.tag } : {};
  const item = { path: base.path, params: base.params, representation: base.representation, ...tag };
  const reading = { ...tag, ...(base.scopes && { scopes: base.scopes.read }) };
  const writing = { ...tag, ...(base.scopes && { scopes: base.scopes.write }) };
  return {
    read: (route) =>
      readRoute({ ...item, ...reading, ...route, read: (id, principal) => route.read(id, accessFor(principal)) }),
    put: (route) =>
      putRoute({
        ...item,
        ...writing,
        ...route,
        put: (id, body, precondition, principal) => route.put(id, body, precondition, accessFor(principal)),
      }),
    remove: (route) =>
      deleteRoute({
        ...item,
        ...writing,
        ...route,
        remove: (id, precondition, principal) => route.remove(id, precondition, accessFor(principal)),
      }),
    list: (route) =>
      listRoute({
        ...reading,
        ...route,
        list: (filter, page, principal) => route.list(filter, page, accessFor(principal)),
      }),
  };
}

function callerAccess(base: CallerAccess): (principal: Principal | undefined) => Access {
  if ("accessOf" in base) return base.accessOf;
  const { adminScope } = base;
  return (principal) => accessOf(principal, adminScope);
}
