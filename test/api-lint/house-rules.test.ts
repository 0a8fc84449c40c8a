import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const repoRoot = join(import.meta.dirname, "../..");
const SPECTRAL = join(repoRoot, "node_modules/.bin/spectral");
const RULESET = join(repoRoot, "tools/api-lint/spectral.yaml");
const run = promisify(execFile);
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

/** The codes Spectral reports for a document, with the repository's ruleset. */
async function lint(document: object): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), "api-lint-"));
  dirs.push(dir);
  const path = join(dir, "openapi.json");
  await writeFile(path, JSON.stringify(document));
  const { stdout } = await run(SPECTRAL, ["lint", "--format", "json", "--quiet", "-r", RULESET, path]).catch(
    (error: { stdout: string }) => ({ stdout: error.stdout }),
  );
  return (JSON.parse(stdout) as { code: string }[]).map((result) => result.code);
}

/** A document Spectral's OpenAPI ruleset has nothing to say about; each test breaks one house rule in it. */
function cleanDocument(operation: Record<string, unknown> = {}) {
  return {
    openapi: "3.1.0",
    info: { title: "Notes", version: "1", description: "Notes.", contact: { name: "Team" } },
    servers: [{ url: "http://localhost:3000" }],
    tags: [{ name: "notes" }],
    paths: {
      "/v1/notes/{id}": {
        get: {
          operationId: "getNote",
          summary: "Read a note",
          description: "The note.",
          tags: ["notes"],
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: {
            "200": {
              description: "The note.",
              headers: { ETag: { schema: { type: "string" } } },
              content: { "application/json": { schema: { type: "object" } } },
            },
            "404": {
              description: "Not found.",
              content: { "application/problem+json": { schema: { type: "object" } } },
            },
          },
          ...operation,
        },
      },
    },
  };
}

describe("the API documents' house rules", () => {
  it("When a document keeps every rule, then Spectral reports nothing", async () => {
    expect(await lint(cleanDocument())).toEqual([]);
  });

  it("When a 4xx answers plain JSON, then problem-json-on-errors fails", async () => {
    const responses = cleanDocument().paths["/v1/notes/{id}"].get.responses;
    const plain = { ...responses, "404": { description: "Not found.", content: { "application/json": {} } } };

    expect(await lint(cleanDocument({ responses: plain }))).toContain("problem-json-on-errors");
  });

  it("When a 200 of a resource has no ETag, then etag-on-resource-reads fails", async () => {
    const responses = cleanDocument().paths["/v1/notes/{id}"].get.responses;
    const untagged = { ...responses, "200": { ...responses["200"], headers: {} } };

    expect(await lint(cleanDocument({ responses: untagged }))).toContain("etag-on-resource-reads");
  });

  it("When an operationId is not camelCase, then operation-id-camel-case fails", async () => {
    expect(await lint(cleanDocument({ operationId: "get_note" }))).toContain("operation-id-camel-case");
  });

  it("When a schema is written out where an equal component exists, then no-inline-component-copy fails", async () => {
    const note = { type: "object", properties: { text: { type: "string" } }, required: ["text"] };
    const responses = cleanDocument().paths["/v1/notes/{id}"].get.responses;
    const referenced = {
      ...responses["200"],
      content: { "application/json": { schema: { $ref: "#/components/schemas/Note" } } },
    };
    // The same members in another order are still a copy.
    const reordered = { required: note.required, properties: note.properties, type: note.type };
    const copied = { ...responses["200"], content: { "application/json": { schema: reordered } } };

    const withComponent = (response: object) => ({
      ...cleanDocument({ responses: { ...responses, "200": response } }),
      components: { schemas: { Note: note } },
    });
    expect(await lint(withComponent(referenced))).toEqual([]);
    expect(await lint(withComponent(copied))).toContain("no-inline-component-copy");
  });
});
