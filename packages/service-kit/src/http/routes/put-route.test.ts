import { http, startApp, uniqueId } from "@starter/testing";
import { describe, expect, it } from "vitest";
import { TEST_API_INFO } from "../../../test/app-options.ts";
import {
  as,
  noteErrorMap,
  noteExample,
  noteInputSchema,
  noteParams,
  notesPath,
  stored,
  useNotesApp,
} from "../../../test/route-notes.ts";
import { conditionalWriteErrors } from "../conditional-write-errors.ts";
import { openApiDocument } from "../openapi/openapi-document.ts";
import { putRoute } from "./put-route.ts";
import { defineRoute, type Route } from "./route.ts";

const { app } = useNotesApp();
const input = (text: string) => ({ ownerId: "alice", text, colour: "red" });

async function put(url: string, body: object, headers: Record<string, string> = {}) {
  return http(url, { method: "PUT", json: body, headers: { ...as("alice"), ...headers } });
}

describe("putRoute: create-or-replace in one declaration", () => {
  it("When the id is new, then 201 with Location, Content-Location, the ETag and the stored representation", async () => {
    await using running = await startApp(app().callback());
    const id = uniqueId("note");

    const response = await put(`${running.url}${notesPath}/${id}`, input("a"));

    expect(response.status).toBe(201);
    expect(response.headers.get("location")).toBe(`${notesPath}/${id}`);
    expect(response.headers.get("content-location")).toBe(`${notesPath}/${id}`);
    expect(response.headers.get("etag")).toBe('"v1-note-1"');
    expect(response.body).toEqual({ id, ...input("a") });
  });

  it("When it exists and the body differs, then 200 with the new version's ETag, Content-Location and no Location", async () => {
    await using running = await startApp(app().callback());
    const url = `${running.url}${notesPath}/${uniqueId("note")}`;
    await put(url, input("a"));

    const response = await put(url, input("b"));

    expect([response.status, response.headers.get("etag"), response.body.text]).toEqual([200, '"v1-note-2"', "b"]);
    expect(response.headers.get("content-location")).toBe(new URL(url).pathname);
    expect(response.headers.get("location")).toBeNull();
  });

  it("When the same body is sent again, then 200 and nothing changes (same ETag, same version)", async () => {
    await using running = await startApp(app().callback());
    const url = `${running.url}${notesPath}/${uniqueId("note")}`;
    await put(url, input("a"));

    const replay = await put(url, input("a"));
    const read = await http(url, { headers: as("alice") });

    expect([replay.status, replay.headers.get("etag")]).toEqual([200, '"v1-note-1"']);
    expect([read.headers.get("etag"), read.body.text]).toEqual(['"v1-note-1"', "a"]);
  });

  it.each([
    ["If-Match names another version", { "If-Match": '"v1-note-7"' }],
    ["If-Match names another representation's tag", { "If-Match": '"v2-note-1"' }],
    ["If-None-Match: * names an existing id", { "If-None-Match": "*" }],
  ])("When %s, then 412 and the stored note stays", async (_, headers) => {
    await using running = await startApp(app().callback());
    const url = `${running.url}${notesPath}/${uniqueId("note")}`;
    await put(url, input("a"));

    const response = await put(url, input("b"), headers);
    const read = await http(url, { headers: as("alice") });

    expect([response.status, response.body.type]).toEqual([412, "urn:problem-type:request.precondition_failed"]);
    expect([read.headers.get("etag"), read.body.text]).toEqual(['"v1-note-1"', "a"]);
  });

  it("When If-Match names the current ETag, then the replace goes through", async () => {
    await using running = await startApp(app().callback());
    const url = `${running.url}${notesPath}/${uniqueId("note")}`;
    await put(url, input("a"));

    const response = await put(url, input("b"), { "If-Match": '"v1-note-1"' });

    expect([response.status, response.headers.get("etag")]).toEqual([200, '"v1-note-2"']);
  });

  it("When the body names another id than the path, then 400 pointing at /id and nothing is stored", async () => {
    await using running = await startApp(app().callback());
    const url = `${running.url}${notesPath}/${uniqueId("note")}`;

    const response = await put(url, { ...input("a"), id: uniqueId("other") });
    const read = await http(url, { headers: as("alice") });

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ pointer: "/id" })]);
    expect(read.status).toBe(404);
  });
});

/** The PUT as services wrote it by hand before `putRoute` (the template's and delivery's). */
function handWrittenPut(descriptions: { replaced: string; created: string }): Route {
  return defineRoute({
    operationId: "putNote",
    scopes: ["notes:write"],
    method: "put",
    path: `${notesPath}/{id}`,
    params: noteParams,
    body: { schema: noteInputSchema, example: noteExample },
    summary: "Create or replace a note",
    description: "201 when new, else 200.",
    responses: {
      "200": { ...stored, description: descriptions.replaced, headers: ["ETag", "Content-Location"] },
      "201": { ...stored, description: descriptions.created, headers: ["ETag", "Location", "Content-Location"] },
    },
    errors: ["note.not_found", ...conditionalWriteErrors],
    handle: () => undefined,
  });
}

function declaredPut(descriptions?: { replaced: string; created: string }): Route {
  return putRoute({
    ...{ operationId: "putNote", path: `${notesPath}/{id}`, params: noteParams, representation: "v1-note" },
    scopes: ["notes:write"],
    body: { schema: noteInputSchema, example: noteExample },
    summary: "Create or replace a note",
    description: "201 when new, else 200.",
    response: stored,
    ...(descriptions && { descriptions }),
    errors: ["note.not_found", ...conditionalWriteErrors],
    location: (id) => `${notesPath}/${id}`,
    put: () => Promise.reject(new Error("never called here")),
  });
}

const operationOf = (route: Route) =>
  JSON.stringify(
    openApiDocument({
      ...{ title: "Notes API", version: { major: 1, state: "current" }, routes: [route] },
      ...{ errorMap: noteErrorMap, info: TEST_API_INFO, requestDeadline: true },
    }),
  );

describe("putRoute's OpenAPI operation", () => {
  it("When declared with putRoute, then the document is the hand-written PUT's, byte for byte", () => {
    const defaults = {
      replaced: "Replaced, or unchanged when the same representation is sent again.",
      created: "Created.",
    };

    expect(operationOf(declaredPut())).toBe(operationOf(handWrittenPut(defaults)));
  });

  it("When the answers' descriptions are given (the confirmation's), then they are the hand-written PUT's too", () => {
    const confirmation = { replaced: "Replaced, or unchanged.", created: "Created." };

    expect(operationOf(declaredPut(confirmation))).toBe(operationOf(handWrittenPut(confirmation)));
    expect(operationOf(declaredPut(confirmation))).not.toBe(operationOf(declaredPut()));
  });
});
