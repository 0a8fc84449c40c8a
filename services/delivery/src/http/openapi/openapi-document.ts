import { problemSchema } from "@starter/service-kit/http";
import type { ApiVersion } from "@starter/service-kit/versions";
import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from "zod-openapi";
import type { DocumentedOperation, DocumentedResponse } from "./documented-operation.ts";

export type OpenApiDocument = ReturnType<typeof createDocument>;

const resourceId = z.string().regex(/^[A-Za-z0-9._~-]{1,64}$/);
const HEADER_DESCRIPTIONS = {
  ETag: "Strong entity tag of this representation; send it back in If-Match.",
  Location: "The created resource.",
  "Content-Location": "The resource whose stored state the body shows.",
} as const;

/** The OpenAPI 3.1 document of one major, generated from its operations and the contracts' schemas. */
export function openApiDocument(version: ApiVersion, operations: readonly DocumentedOperation[]): OpenApiDocument {
  const paths: ZodOpenApiPathsObject = {};
  for (const operation of operations) {
    paths[operation.path] = { ...paths[operation.path], [operation.method]: toOperationObject(operation) };
  }
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: `Delivery API, version ${version.major}`,
      version: String(version.major),
      description: lifecycle(version),
    },
    paths,
  });
}

function toOperationObject(operation: DocumentedOperation): ZodOpenApiOperationObject {
  const responses: ZodOpenApiOperationObject["responses"] = {};
  for (const [status, response] of Object.entries(operation.responses)) {
    responses[status as `${1 | 2 | 3 | 4 | 5}${string}`] = toResponse(status, response);
  }
  const parameters = {
    ...pathParameters(operation.path),
    ...(operation.query && { query: operation.query }),
    ...(operation.headers && { header: operation.headers }),
  };
  return {
    summary: operation.summary,
    ...(Object.keys(parameters).length > 0 && { requestParams: parameters }),
    ...(operation.body && {
      requestBody: {
        required: true,
        content: { "application/json": { schema: operation.body.schema, example: operation.body.example } },
      },
    }),
    responses,
  };
}

function pathParameters(path: string) {
  if (path.includes("{operationId}")) return { path: z.object({ operationId: z.string() }) };
  if (path.includes("{id}")) return { path: z.object({ id: resourceId }) };
  return {};
}

function toResponse(status: string, response: DocumentedResponse) {
  const isProblem = Number(status) >= 400;
  const headers = response.headers?.map((name) => [
    name,
    { description: HEADER_DESCRIPTIONS[name], schema: { type: "string" as const } },
  ]);
  return {
    description: response.description,
    ...(headers && { headers: Object.fromEntries(headers) }),
    ...(isProblem
      ? { content: { "application/problem+json": { schema: problemSchema } } }
      : response.schema && { content: { "application/json": { schema: response.schema } } }),
  };
}

function lifecycle(version: ApiVersion): string {
  if (version.state !== "deprecated") return `This version is ${version.state}.`;
  return `Deprecated since ${version.deprecatedAt}; sunset ${version.sunsetAt}; use version ${version.successor}.`;
}
