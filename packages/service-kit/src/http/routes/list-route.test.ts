import { http, startApp, uniqueId } from "@starter/testing";
import { describe, expect, it } from "vitest";
import { TEST_API_INFO } from "../../../test/app-options.ts";
import {
  as,
  noteErrorMap,
  notePageExample,
  notePageSchema,
  noteQuerySchema,
  notesPath,
  useNotesApp,
} from "../../../test/route-notes.ts";
import { openApiDocument } from "../openapi/openapi-document.ts";
import { listRoute } from "./list-route.ts";
import { defineRoute, type Route } from "./route.ts";

const { app } = useNotesApp();

function putNote(url: string, id: string, ownerId: string, colour: "red" | "blue") {
  const json = { ownerId, text: `note ${id}`, colour };
  return http(`${url}${notesPath}/${id}`, { method: "PUT", json, headers: as("admin") });
}

describe("listRoute: a keyset page with its links", () => {
  it("When there is more than a page, then next (filters in the schema's order, limit, cursor) leads to the rest, and self is the request", async () => {
    await using running = await startApp(app().callback());
    // One new owner's notes, so other tests' notes stay out of its list; a blue one among them, filtered out.
    const ownerId = uniqueId("owner");
    const ids = [`${ownerId}-0`, `${ownerId}-1`, `${ownerId}-2`];
    for (const id of ids) await putNote(running.url, id, ownerId, "red");
    await putNote(running.url, `${ownerId}-1-blue`, ownerId, "blue");
    const firstHref = `${notesPath}?ownerId=${ownerId}&colour=red&limit=2`;

    const first = await http(`${running.url}${firstHref}`, { headers: as("admin") });
    const next = `${notesPath}?colour=red&ownerId=${ownerId}&limit=2&cursor=${ids[1]}`;
    const second = await http(`${running.url}${first.body._links.next.href}`, { headers: as("admin") });

    expect(first.status).toBe(200);
    expect(first.body.items.map((note: { id: string }) => note.id)).toEqual(ids.slice(0, 2));
    expect(first.body._links).toEqual({ self: { href: firstHref }, next: { href: next } });
    expect(second.body.items).toEqual([{ id: ids[2], ownerId, text: `note ${ids[2]}`, colour: "red" }]);
    expect(second.body._links).toEqual({ self: { href: next } });
  });

  it("When the query breaks its schema (a limit of 0), then 400 pointing at it", async () => {
    await using running = await startApp(app().callback());

    const response = await http(`${running.url}${notesPath}?limit=0`, { headers: as("admin") });

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ pointer: "/limit" })]);
  });
});

/** The list as services wrote it by hand before `listRoute` (the template's and delivery's). */
const handWrittenList = defineRoute({
  operationId: "listNotes",
  scopes: ["notes:read"],
  method: "get",
  path: notesPath,
  query: noteQuerySchema,
  summary: "List notes, filtered, in pages",
  description: "Ordered by id; follow _links.next.",
  responses: {
    "200": { description: "One page and a link to the next.", schema: notePageSchema, example: notePageExample },
  },
  handle: () => undefined,
});

const declaredList = listRoute({
  ...{ operationId: "listNotes", path: notesPath, query: noteQuerySchema, scopes: ["notes:read"] },
  summary: "List notes, filtered, in pages",
  description: "Ordered by id; follow _links.next.",
  response: { schema: notePageSchema, example: notePageExample },
  list: () => Promise.reject(new Error("never called here")),
  item: (note: { id: string }) => note,
});

const documentOf = (route: Route) =>
  JSON.stringify(
    openApiDocument({
      ...{ title: "Notes API", version: { major: 1, state: "current" }, routes: [route] },
      ...{ errorMap: noteErrorMap, info: TEST_API_INFO, requestDeadline: true },
    }),
  );

describe("listRoute's OpenAPI operation", () => {
  it("When declared with listRoute, then the document is the hand-written list's, byte for byte", () => {
    expect(documentOf(declaredList)).toBe(documentOf(handWrittenList));
  });
});
