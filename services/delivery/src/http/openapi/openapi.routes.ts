import Router from "@koa/router";
import { type AppState, apiDocsRoutes } from "@starter/service-kit/http";
import type { VersionRegistry } from "@starter/service-kit/versions";
import { v1Operations, v2Operations } from "./delivery-operations.ts";
import type { DocumentedOperation } from "./documented-operation.ts";
import { type OpenApiDocument, openApiDocument } from "./openapi-document.ts";

export const OPERATIONS_BY_MAJOR: ReadonlyMap<number, readonly DocumentedOperation[]> = new Map([
  [1, v1Operations],
  [2, v2Operations],
]);

/** `/v<major>/openapi.json` for every major in the registry, and `/docs` over the served ones. */
export function openApiRoutes({ versions }: { versions: VersionRegistry }): Router<AppState>[] {
  const router = new Router<AppState>();
  for (const version of versions.versions) {
    const operations = OPERATIONS_BY_MAJOR.get(version.major) ?? [];
    let document: OpenApiDocument | undefined;
    router.get(`/v${version.major}/openapi.json`, (ctx) => {
      document ??= openApiDocument(version, operations);
      ctx.body = document;
    });
  }
  const specs = versions.supported
    .toSorted((a, b) => b - a)
    .map((major) => ({ url: `/v${major}/openapi.json`, name: `v${major} (${versions.find(major)?.state})` }));
  return [router, apiDocsRoutes({ title: "Delivery API", specs })];
}
