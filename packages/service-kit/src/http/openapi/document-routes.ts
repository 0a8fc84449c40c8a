import { z } from "zod";
import type { VersionRegistry } from "../../versions/index.ts";
import type { ErrorMap } from "../error-map.ts";
import { defineRoute, type Route } from "../routes/route.ts";
import { type ApiInfo, type OpenApiDocument, openApiDocument } from "./openapi-document.ts";

export type DocumentRoutesOptions = Readonly<{
  /** The API's name, in every document and on the docs page: "Delivery API". */
  title: string;
  versions: VersionRegistry;
  errorMap: ErrorMap;
  info: ApiInfo;
  moreScopes?: Readonly<Record<string, string>> | undefined;
  /** Whether the app gives each request a deadline: its 503 is documented then. */
  requestDeadline: boolean;
}>;

/**
 * `GET /v<major>/openapi.json` for every major in the registry, each generated on first request from the
 * routes that serve that major (these document routes included, so each document lists itself).
 */
export function documentRoutes(options: DocumentRoutesOptions, routes: readonly Route[]): Route[] {
  const own: Route[] = options.versions.versions.map((version) => {
    let document: OpenApiDocument | undefined;
    return defineRoute({
      operationId: "getOpenApiDocument",
      method: "get",
      path: `/v${version.major}/openapi.json`,
      summary: `This document: the OpenAPI 3.1 description of version ${version.major}`,
      description: "Generated from the route declarations that serve this version; what a client generator reads.",
      tag: "documents",
      responses: {
        "200": {
          description: "The OpenAPI document.",
          schema: z.record(z.string(), z.unknown()),
          // No version in the example: moving the minor alone would change the document it belongs to.
          example: { openapi: "3.1.0", info: { title: options.title }, paths: {} },
        },
      },
      handle: (ctx) => {
        document ??= openApiDocument({ ...options, version, routes: [...routes, ...own] });
        ctx.body = document;
      },
    });
  });
  return own;
}
