import type { z } from "zod";
import type { Principal } from "../../access/index.ts";
import type { Page, PageRequest } from "../../versioned-writes/index.ts";
import type { Link } from "../../wire/index.ts";
import { ok } from "./answers.ts";
import { type DeclaredResponse, defineRoute, type Route } from "./route.ts";

/** The members of a list's query that page it; every other member filters it. */
type PagingQuery = { limit: number; cursor?: string | undefined };

/** A list's query schema: its filters, `limit` and `cursor` (the last id of the page before). */
export type ListQuery = z.ZodObject & z.ZodType<PagingQuery>;

/** The query's filters, those given only (absent, never undefined): what the use case filters by and the next link repeats. */
export type ListFilter<Query extends ListQuery> = {
  [Name in Exclude<keyof z.output<Query>, keyof PagingQuery>]?: Exclude<z.output<Query>[Name], undefined>;
};

export type ListPage = { items: unknown[]; _links: { self: Link; next?: Link } };

/** What the list-page answers of the lists written by hand before `listRoute` said, so their documents stay. */
export const LIST_PAGE_DESCRIPTION = "One page and a link to the next.";

export type ListRouteDeclaration<Code extends string, Query extends ListQuery, Item extends { readonly id: string }> = {
  readonly operationId: string;
  /** The collection, in OpenAPI form (`/v2/deliveries`); also the path of the next link. */
  readonly path: string;
  readonly summary: string;
  readonly description: string;
  readonly tag?: string;
  readonly query: Query;
  /** The page's schema and example; its description defaults to `LIST_PAGE_DESCRIPTION`. */
  readonly response: Omit<DeclaredResponse, "description"> & { readonly description?: string };
  readonly errors?: readonly Code[];
  readonly scopes?: readonly string[];
  /** One page for the caller (absent when the service does not authenticate): its own items only, unless admin. */
  readonly list: (
    filter: ListFilter<Query>,
    page: PageRequest,
    principal: Principal | undefined,
  ) => Promise<Page<Item>>;
  /** An item as the page shows it (its DTO). */
  readonly item: (item: Item) => unknown;
};

/**
 * GET of a collection in keyset pages: `limit` and `cursor` become the `PageRequest`, `_links.self` is the
 * request's URL and `_links.next` repeats the filters (in the query schema's order), the limit and, as the
 * cursor, the last item's id, while there are more.
 */
export function listRoute<Code extends string, Query extends ListQuery, Item extends { readonly id: string }>(
  route: ListRouteDeclaration<Code, Query, Item>,
): Route<Code> {
  const { operationId, path, summary, description, query } = route;
  return defineRoute({
    ...{ operationId, path, summary, description, query },
    ...(route.tag && { tag: route.tag }),
    ...(route.scopes && { scopes: route.scopes }),
    ...(route.errors && { errors: route.errors }),
    method: "get",
    responses: { "200": { ...route.response, description: route.response.description ?? LIST_PAGE_DESCRIPTION } },
    handle: async (ctx, input) => {
      const { limit, cursor } = input.query as PagingQuery;
      const filter = filterOf(query, input.query as Record<string, unknown>);
      const pageRequest = { limit, ...(cursor !== undefined && { afterId: cursor }) };
      const page = await route.list(filter as ListFilter<Query>, pageRequest, input.principal);
      const body: ListPage = { items: page.items.map((item) => route.item(item)), _links: { self: { href: ctx.url } } };
      const last = page.items.at(-1);
      if (page.hasMore && last) body._links.next = { href: `${path}?${nextQuery(filter, limit, last.id)}` };
      return ok(body);
    },
  });
}

/** The filters given, in the schema's order, so a next link reads the same whatever order the client used. */
function filterOf(query: z.ZodObject, parsed: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const names = Object.keys(query.shape).filter((name) => name !== "limit" && name !== "cursor");
  return Object.fromEntries(names.filter((name) => parsed[name] !== undefined).map((name) => [name, parsed[name]]));
}

/** Filters first, then limit and cursor: the order of the next links before `listRoute`, kept for their tests. */
function nextQuery(filter: Readonly<Record<string, unknown>>, limit: number, cursor: string): URLSearchParams {
  const filters = Object.entries(filter).map(([name, value]): [string, string] => [name, String(value)]);
  return new URLSearchParams([...filters, ["limit", String(limit)], ["cursor", cursor]]);
}
