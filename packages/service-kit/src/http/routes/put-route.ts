import type { z } from "zod";
import type { Principal } from "../../access/index.ts";
import type { Precondition, PutOutcome } from "../../versioned-writes/index.ts";
import { assertBodyIdMatches } from "../body-id.ts";
import { preconditionFor, putAnswer } from "../representation.ts";
import { type ResourceRoute, resourceDeclaration } from "./resource-routes.ts";
import { type DeclaredResponse, defineRoute, type Route } from "./route.ts";

/** What a PUT's use case gives back: whether it created, and the stored state as the representation shows it. */
export type StoredRepresentation = Readonly<{ outcome: PutOutcome; version: number; body: object }>;

/** The answers' descriptions of the PUTs written by hand before `putRoute`, so their documents stay as they were. */
export const PUT_DESCRIPTIONS = {
  replaced: "Replaced, or unchanged when the same representation is sent again.",
  created: "Created.",
} as const;

/** A PUT of one versioned resource: its declaration, with the use case that stores the body. */
export type PutRouteDeclaration<Code extends string, Body extends z.ZodType<object>> = ResourceRoute<Code> & {
  body: { readonly schema: Body; readonly example: z.input<Body> };
  /** The stored representation's schema and example (what `readRoute` answers), documented on 200 and 201. */
  response: Omit<DeclaredResponse, "description" | "headers">;
  /** The answers' descriptions where they say more than `PUT_DESCRIPTIONS`. */
  descriptions?: Readonly<{ replaced?: string; created?: string }>;
  /** Where the resource lives: the Location of a created one, the Content-Location of every answer. */
  location: (id: string) => string;
  /** Creates or replaces it for the caller (absent when the service does not authenticate). */
  put: (
    id: string,
    body: z.output<Body>,
    precondition: Precondition,
    principal: Principal | undefined,
  ) => Promise<StoredRepresentation>;
};

/**
 * Create-or-replace PUT of a versioned resource (idempotent): a body naming an id names the path's, the
 * precondition comes from If-Match / If-None-Match on this representation's ETags, and the answer is 201 +
 * Location when created, else 200, with Content-Location and the stored representation's ETag.
 */
export function putRoute<Code extends string, Body extends z.ZodType<object>>(
  route: PutRouteDeclaration<Code, Body>,
): Route<Code> {
  const { representation } = route;
  const replaced = route.descriptions?.replaced ?? PUT_DESCRIPTIONS.replaced;
  const created = route.descriptions?.created ?? PUT_DESCRIPTIONS.created;
  return defineRoute({
    ...resourceDeclaration(route),
    body: route.body,
    method: "put",
    responses: {
      "200": { ...route.response, description: replaced, headers: ["ETag", "Content-Location"] },
      "201": { ...route.response, description: created, headers: ["ETag", "Location", "Content-Location"] },
    },
    handle: async (ctx, { params: { id }, body, principal }) => {
      assertBodyIdMatches(bodyIdOf(body), id);
      const stored = await route.put(id, body, preconditionFor(ctx, representation), principal);
      const { version, body: storedBody } = stored;
      return putAnswer(stored.outcome, route.location(id), { name: representation, version, body: storedBody });
    },
  });
}

/** The id a body names, if it names one (a part of a resource, a confirmation, has none). */
function bodyIdOf(body: object): string | undefined {
  const id = (body as { id?: unknown }).id;
  return typeof id === "string" ? id : undefined;
}
