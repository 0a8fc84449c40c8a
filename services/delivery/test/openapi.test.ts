import type Router from "@koa/router";
import { http, uniqueId } from "@starter/testing";
import { describe, expect, it } from "vitest";
import { type AppDependencies, appRouters } from "../src/app.ts";
import { OPERATIONS_BY_MAJOR } from "../src/http/openapi/openapi.routes.ts";
import { useDeliveryApp } from "./delivery-app.ts";

const app = useDeliveryApp();

type DocumentedRequest = { requestBody?: { content: Record<string, { example?: unknown }> } };
type Document = {
  openapi: string;
  info: { version: string };
  paths: Record<string, Record<string, DocumentedRequest>>;
};
const documentOf = async (major: number) => (await http(`${app.url}/v${major}/openapi.json`)).body as Document;

/** Every (method, path) a router serves under a version prefix, in OpenAPI's path form. */
function servedOperations(routers: Router[]): { major: number; method: string; path: string }[] {
  return routers.flatMap((router) =>
    router.stack.flatMap((layer) => {
      const major = /^\/v(\d+)\//.exec(String(layer.path))?.[1];
      if (!major) return [];
      const path = String(layer.path).replace(/:(\w+)/g, "{$1}");
      return layer.methods
        .filter((m) => m !== "HEAD")
        .map((m) => ({ major: Number(major), method: m.toLowerCase(), path }));
    }),
  );
}

describe("the OpenAPI documents", () => {
  it("When /v1/openapi.json and /v2/openapi.json are read, then each is an OpenAPI 3.1 document of its version", async () => {
    for (const major of [1, 2]) {
      const response = await http(`${app.url}/v${major}/openapi.json`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ openapi: "3.1.0", info: { version: String(major) } });
    }
  });

  it("When the router's routes are compared with the documents, then every served route is documented and nothing more", async () => {
    // Routers are only inspected here, never called: their dependencies are not needed.
    const routers = appRouters({ ...({} as AppDependencies), versions: app.versions });
    const served = servedOperations(routers);
    const documented: typeof served = [];
    for (const major of [1, 2]) {
      for (const [path, item] of Object.entries((await documentOf(major)).paths)) {
        for (const method of Object.keys(item)) documented.push({ major, method, path });
      }
    }

    expect(served.length).toBeGreaterThan(10);
    expect(documented).toEqual(expect.arrayContaining(served));
    expect(served).toEqual(expect.arrayContaining(documented));
  });

  it("When the documents' example requests are checked, then each validates against its schema and is accepted by the service", async () => {
    let checked = 0;
    for (const major of [1, 2]) {
      const document = await documentOf(major);
      for (const operation of OPERATIONS_BY_MAJOR.get(major) ?? []) {
        const example =
          document.paths[operation.path]?.[operation.method]?.requestBody?.content["application/json"]?.example;
        if (!operation.body) continue;
        expect(example).toEqual(operation.body.example);
        expect(operation.body.schema.safeParse(example).success).toBe(true);
        checked++;
      }
    }
    const id = uniqueId("example");
    const put = await http(`${app.url}/v2/deliveries/${id}`, {
      method: "PUT",
      json: (await documentOf(2)).paths["/v2/deliveries/{id}"]?.put?.requestBody?.content["application/json"]?.example,
    });

    expect(checked).toBe(4);
    expect(put.status).toBe(201);
  });

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
