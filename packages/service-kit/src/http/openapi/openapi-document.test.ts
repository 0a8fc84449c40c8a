import { describe, expect, it } from "vitest";
import { z } from "zod";
import { TEST_API_INFO } from "../../../test/app-options.ts";
import { AppError } from "../../errors/index.ts";
import type { ApiVersion } from "../../versions/index.ts";
import { commonErrorMap } from "../error-map.ts";
import { findJsonViolations } from "../json-guards.ts";
import { defineRoute } from "../routes/route.ts";
import { openApiDocument } from "./openapi-document.ts";

class NoteNotFoundError extends AppError<"note.not_found"> {}
const errorMap = { ...commonErrorMap, "note.not_found": { status: 404, title: "Note not found" } };
const putNote = defineRoute({
  operationId: "putNote",
  method: "put",
  path: "/v1/notes/{id}",
  params: z.object({ id: z.string() }),
  body: {
    schema: z.object({ text: z.string(), tags: z.array(z.object({ name: z.string() })) }),
    example: { text: "a", tags: [] },
  },
  summary: "Create or replace a note",
  description: "A test route.",
  responses: {
    "200": {
      description: "Stored.",
      headers: ["ETag"],
      links: { read: { operationId: "getNote", parameters: { id: "$request.path.id" } } },
    },
  },
  errors: ["note.not_found", "request.precondition_failed"],
  handle: () => {
    throw new NoteNotFoundError("note.not_found", "never called here");
  },
});
const v1 = { major: 1, state: "current" } as const;
type Response = {
  description: string;
  links?: object;
  headers?: Record<string, unknown>;
  content?: Record<string, { examples?: Record<string, unknown> }>;
};
type Operation = { operationId: string; responses: Record<string, Response> };
const headersOf = (response: Response | undefined) => Object.keys(response?.headers ?? {});
const examplesOf = (response: Response) => Object.keys(response.content?.["application/problem+json"]?.examples ?? {});

describe("a version's OpenAPI document, from route declarations", () => {
  const document = openApiDocument({
    title: "Notes API",
    version: v1,
    routes: [putNote],
    errorMap,
    info: TEST_API_INFO,
    requestDeadline: true,
  });
  const put = document.paths?.["/v1/notes/{id}"]?.put as Operation & { requestBody: unknown };

  it("When a route declares errors and takes a body, then its problems come from the error map, with the kit's 400, 413 and 415, a write's 429 and every route's 503", () => {
    expect(put.operationId).toBe("putNote");
    expect(Object.keys(put.responses)).toEqual(["200", "400", "404", "412", "413", "415", "429", "503"]);
    expect(put.responses["404"]?.description).toBe("Note not found (problem+json).");
    expect(put.responses["200"]?.links).toEqual({
      read: { operationId: "getNote", parameters: { id: "$request.path.id" } },
    });
    expect(document.components?.schemas).toHaveProperty("Problem");
  });

  it("When generated, then its version is the major's contract version, major.minor (minor 0 unless the registry sets one)", () => {
    expect(document.info.version).toBe("1.0");
    const moved = openApiDocument({
      ...{ title: "Notes API", version: { ...v1, minor: 3 }, routes: [putNote] },
      ...{ errorMap, info: TEST_API_INFO, requestDeadline: true },
    });
    expect(moved.info.version).toBe("1.3");
  });

  it("When any operation is documented, then its 503 names both causes with Retry-After; without a request deadline, only the dependency", () => {
    const unavailable = put.responses["503"] as Response;
    const withoutDeadline = openApiDocument({
      ...{ title: "Notes API", version: v1, routes: [putNote] },
      ...{ errorMap, info: TEST_API_INFO, requestDeadline: false },
    });
    const undeadlined = withoutDeadline.paths?.["/v1/notes/{id}"]?.put?.responses?.["503"] as Response;

    expect(examplesOf(unavailable)).toEqual(["service.unavailable", "request.deadline_exceeded"]);
    expect(Object.keys(unavailable.headers ?? {})).toContain("Retry-After");
    expect(examplesOf(undeadlined)).toEqual(["service.unavailable"]);
  });

  it("When a write is documented, then its answers carry the RateLimit fields, and its 429 Retry-After too; its 401 (answered before the limiter) and a read's answers do not", () => {
    const scoped = { ...putNote, scopes: ["notes:write"] };
    const read = { ...putNote, operationId: "getNote", method: "get" as const };
    const built = openApiDocument({
      ...{ title: "Notes API", version: v1, routes: [scoped, read] },
      ...{ errorMap, info: TEST_API_INFO, requestDeadline: true },
    });
    const written = built.paths?.["/v1/notes/{id}"]?.put?.responses as Record<string, Response>;
    const readAnswers = built.paths?.["/v1/notes/{id}"]?.get?.responses as Record<string, Response>;

    expect(headersOf(written["200"])).toEqual(["ETag", "RateLimit-Policy", "RateLimit"]);
    expect(headersOf(written["429"])).toEqual(["Retry-After", "RateLimit-Policy", "RateLimit"]);
    expect(headersOf(written["403"])).toEqual(["RateLimit-Policy", "RateLimit"]);
    expect(headersOf(written["401"])).toEqual([]);
    expect(Object.values(readAnswers).flatMap(headersOf)).not.toContain("RateLimit");
  });

  it("When the major is deprecated, then its answers carry Deprecation, Sunset and Link, the 410 of a brownout too; not the 429, answered before the version", () => {
    const deprecated: ApiVersion = {
      ...{ major: 1, state: "deprecated", deprecatedAt: "2026-09-01T00:00:00Z" },
      ...{ sunsetAt: "2027-03-01T00:00:00Z", successor: 2 },
    };
    const built = openApiDocument({
      ...{ title: "Notes API", version: deprecated, routes: [putNote] },
      ...{ errorMap, info: TEST_API_INFO, requestDeadline: true },
    });
    const answers = built.paths?.["/v1/notes/{id}"]?.put?.responses as Record<string, Response>;
    const lifecycle = ["Deprecation", "Sunset", "Link"];

    expect(headersOf(answers["200"])).toEqual(["ETag", ...lifecycle, "RateLimit-Policy", "RateLimit"]);
    expect(headersOf(answers["410"])).toEqual([...lifecycle, "RateLimit-Policy", "RateLimit"]);
    expect(headersOf(answers["429"])).toEqual(["Retry-After", "RateLimit-Policy", "RateLimit"]);
  });

  it("When generated, then it names its server, contact and license, and tags each operation with its resource", () => {
    expect(document.servers).toEqual([{ url: "http://localhost:3000" }]);
    expect(document.info).toMatchObject({ contact: { name: "Test team" }, license: { name: "Proprietary" } });
    expect(document.tags).toEqual([{ name: "notes" }]);
    expect(put).toMatchObject({ tags: ["notes"], description: "A test route." });
  });

  it("When a body is documented, then every object in it states the keys the JSON guard refuses, and accepts other members", () => {
    const schema = JSON.stringify(put.requestBody);
    const { pattern } = JSON.parse(schema).content["application/json"].schema.propertyNames as { pattern: string };
    const safe = new RegExp(pattern);

    expect(schema.match(/propertyNames/g)).toHaveLength(2);
    expect(document.components?.schemas).toHaveProperty("SafeJsonValue");
    for (const key of ["$where", "a.b", "__proto__", "constructor", "prototype", "text", "$", "x$"]) {
      expect([key, safe.test(key)]).toEqual([
        key,
        findJsonViolations(JSON.parse(`{"${key}":1}`), { maxDepth: 4 }).length === 0,
      ]);
    }
  });

  it("When a route names a code its error map lacks, then building the document fails naming both", () => {
    const build = () =>
      openApiDocument({
        title: "Notes API",
        version: v1,
        routes: [putNote],
        errorMap: commonErrorMap,
        info: TEST_API_INFO,
        requestDeadline: true,
      });

    expect(build).toThrow(/putNote declares note.not_found/);
  });

  it("When codes share a status, then each is an example of that status's problem, as the client gets it", () => {
    const conflict = { ...errorMap, "request.precondition_failed": { status: 404, title: "Gone elsewhere" } };
    const built = openApiDocument({
      title: "Notes API",
      version: v1,
      routes: [putNote],
      errorMap: conflict,
      info: TEST_API_INFO,
      requestDeadline: true,
    });
    const notFound = built.paths?.["/v1/notes/{id}"]?.put?.responses?.["404"];

    expect(notFound).toMatchObject({
      description: "Note not found; Gone elsewhere (problem+json).",
      content: {
        "application/problem+json": {
          examples: {
            "note.not_found": {
              value: { type: "urn:problem-type:note.not_found", title: "Note not found", status: 404 },
            },
            "request.precondition_failed": {
              value: { type: "urn:problem-type:request.precondition_failed", title: "Gone elsewhere", status: 404 },
            },
          },
        },
      },
    });
  });

  it("When a route declares scopes, then its operation requires them of the OAuth 2.0 scheme, which lists them (and the service's other scopes), and documents 401 and 403", () => {
    const scoped = { ...putNote, scopes: ["notes:write"] };
    const moreScopes = { "notes:admin": "Reach every owner's notes" };
    const built = openApiDocument({
      title: "Notes API",
      version: v1,
      routes: [scoped],
      errorMap,
      info: TEST_API_INFO,
      requestDeadline: true,
      moreScopes,
    });
    const operation = built.paths?.["/v1/notes/{id}"]?.put;

    expect(operation?.security).toEqual([{ bearerAuth: ["notes:write"] }]);
    expect(built.components?.securitySchemes?.bearerAuth).toMatchObject({
      type: "oauth2",
      flows: {
        clientCredentials: {
          tokenUrl: TEST_API_INFO.tokenUrl,
          scopes: { "notes:write": "Write notes", "notes:admin": "Reach every owner's notes" },
        },
      },
    });
    expect(Object.keys(operation?.responses?.["401"]?.content?.["application/problem+json"]?.examples ?? {})).toEqual([
      "auth.unauthenticated",
      "auth.invalid_token",
    ]);
    expect(operation?.responses?.["403"]).toBeDefined();
  });

  it("When no route declares scopes, then the document has no security at all", () => {
    const built = openApiDocument({
      title: "Notes API",
      version: v1,
      routes: [putNote],
      errorMap,
      info: TEST_API_INFO,
      requestDeadline: true,
    });
    expect(built.components?.securitySchemes).toBeUndefined();
    expect(built.paths?.["/v1/notes/{id}"]?.put?.security).toBeUndefined();
  });

  describe("examples", () => {
    const note = z.object({ id: z.string(), text: z.string() }).meta({ id: "Note" });
    const getNote = (example: unknown) =>
      defineRoute({
        operationId: "getNote",
        method: "get",
        path: "/v1/notes/{id}",
        params: z.object({ id: z.string() }),
        summary: "Read a note",
        description: "A test route.",
        responses: { "200": { description: "The note.", schema: note, example } },
        handle: () => undefined,
      });
    const build = (example: unknown) =>
      openApiDocument({
        title: "Notes API",
        version: v1,
        routes: [getNote(example)],
        errorMap,
        info: TEST_API_INFO,
        requestDeadline: true,
      });

    it("When an answer has a schema, then the document shows its example beside a reference to the component", () => {
      const ok = build({ id: "n-1", text: "hello" }).paths?.["/v1/notes/{id}"]?.get?.responses?.["200"];

      expect(ok).toMatchObject({
        content: {
          "application/json": { schema: { $ref: "#/components/schemas/Note" }, example: { id: "n-1", text: "hello" } },
        },
      });
    });

    it("When an answer's example is missing or does not fit its schema, then building the document fails naming the route", () => {
      expect(() => build(undefined)).toThrow(/getNote 200: a body with a schema declares its example/);
      expect(() => build({ id: "n-1" })).toThrow(/getNote 200: the example does not match the schema/);
    });

    it("When a request body's example does not fit its schema, then building the document fails", () => {
      const wrong = { ...putNote, body: { schema: putNote.body?.schema ?? z.never(), example: { text: 1 } } };
      const documentOf = () =>
        openApiDocument({
          title: "Notes API",
          version: v1,
          routes: [wrong],
          errorMap,
          info: TEST_API_INFO,
          requestDeadline: true,
        });

      expect(documentOf).toThrow(/putNote: the example does not match the schema/);
    });
  });

  it("When a request body refers to a component, then the component states the JSON guard's keys", () => {
    const body = z.object({ text: z.string() }).meta({ id: "NoteInput" });
    const route = { ...putNote, body: { schema: body, example: { text: "a" } } };
    const built = openApiDocument({
      title: "Notes API",
      version: v1,
      routes: [route],
      errorMap,
      info: TEST_API_INFO,
      requestDeadline: true,
    });

    expect(built.components?.schemas?.NoteInput).toMatchObject({
      propertyNames: { pattern: expect.any(String) },
      additionalProperties: { $ref: "#/components/schemas/SafeJsonValue" },
    });
  });
});
