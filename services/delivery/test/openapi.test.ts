import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { http, uniqueId } from "@starter/testing";
import { describe, expect, it } from "vitest";
import { useDeliveryApp } from "./delivery-app.ts";

const app = useDeliveryApp();

type DocumentedOperation = {
  operationId: string;
  requestBody?: { content: Record<string, { example?: unknown }> };
  responses: Record<string, { content?: Record<string, unknown> }>;
};
type Document = {
  openapi: string;
  info: { version: string };
  paths: Record<string, Record<string, DocumentedOperation>>;
};
const repoRoot = join(import.meta.dirname, "../../..");
const run = promisify(execFile);
const documentOf = async (major: number) => (await http(`${app.url}/v${major}/openapi.json`)).body as Document;

describe("the OpenAPI documents", () => {
  it("When /v1, /v2 and /v3/openapi.json are read, then each is an OpenAPI 3.1 document of its version, major.minor, the preview marked", async () => {
    for (const major of [1, 2, 3]) {
      const response = await http(`${app.url}/v${major}/openapi.json`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ openapi: "3.1.0" });
      expect(response.body.info.version).toMatch(new RegExp(`^${major}\\.\\d+$`));
      expect(response.body.info["x-api-preview"]).toBe(major === 3 ? true : undefined);
    }
  });

  it("When the served routes are compared with the documents, then each major documents exactly its routes, each with its own operationId", async () => {
    for (const major of [1, 2, 3]) {
      const served = app.routes
        .filter((route) => route.path.startsWith(`/v${major}/`))
        .map((r) => `${r.method} ${r.path}`);
      const document = await documentOf(major);
      const documented = Object.entries(document.paths).flatMap(([path, item]) =>
        Object.keys(item).map((method) => `${method} ${path}`),
      );
      const operationIds = Object.values(document.paths).flatMap((item) =>
        Object.values(item).map((op) => op.operationId),
      );

      expect(served.length).toBeGreaterThan(major === 2 ? 10 : 3);
      expect(documented.toSorted()).toEqual(served.toSorted());
      expect(new Set(operationIds).size).toBe(operationIds.length);
    }
  });

  it("When a route declares errors, then its document answers them as problem+json with the error map's status", async () => {
    const put = (await documentOf(2)).paths["/v2/deliveries/{id}/dropoff"]?.put;

    expect(Object.keys(put?.responses ?? {}).toSorted()).toEqual([
      "200",
      "400",
      "401",
      "403",
      "404",
      "409",
      "412",
      "413",
      "415",
      "422",
      "429",
      "503",
    ]);
    expect(put?.responses["409"]?.content).toHaveProperty(["application/problem+json"]);
  });

  it("When the documents' example requests are checked, then each validates against its schema and is accepted by the service", async () => {
    let checked = 0;
    for (const route of app.routes.filter((r) => r.body)) {
      const major = Number(/^\/v(\d+)\//.exec(route.path)?.[1]);
      const example = (await documentOf(major)).paths[route.path]?.[route.method]?.requestBody?.content[
        "application/json"
      ]?.example;
      expect(example).toEqual(route.body?.example);
      expect(route.body?.schema.safeParse(example).success).toBe(true);
      checked++;
    }
    const id = uniqueId("example");
    const put = await http(`${app.url}/v2/deliveries/${id}`, {
      method: "PUT",
      json: (await documentOf(2)).paths["/v2/deliveries/{id}"]?.put?.requestBody?.content["application/json"]?.example,
    });

    // A PUT of a delivery in each major, and of its dropoff and confirmation in versions 2 and 3.
    expect(checked).toBe(7);
    expect(put.status).toBe(201);
  });

  it("When the preview's document (served, not yet published) is linted with the house rules, then Spectral finds nothing", async () => {
    const dir = await mkdtemp(join(tmpdir(), "preview-lint-"));
    try {
      const path = join(dir, "v3.json");
      await writeFile(path, JSON.stringify(await documentOf(3)));
      const spectral = join(repoRoot, "node_modules/.bin/spectral");
      const ruleset = join(repoRoot, "tools/api-lint/spectral.yaml");
      const { stdout } = await run(spectral, ["lint", "--format", "json", "--quiet", "-r", ruleset, path]).catch(
        (error: { stdout: string }) => ({ stdout: error.stdout }),
      );

      expect(JSON.parse(stdout)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it("When /docs is opened, then the page and its assets are served by the service itself, for no version", async () => {
    const page = await http(`${app.url}/docs`);
    const bundle = await http(`${app.url}/docs/swagger-ui-bundle.js`);

    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.body).toContain("/v2/openapi.json");
    expect(page.body).toContain("/v1/openapi.json");
    expect(page.headers.get("api-version")).toBeNull();
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get("content-type")).toContain("javascript");
    expect((await http(`${app.url}/docs/../package.json`)).status).toBe(404);
  });
});
