import type { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from "zod-openapi";
import { type ApiVersion, contractVersionOf } from "../../versions/index.ts";
import { type ErrorMap, problemTypeFor } from "../error-map.ts";
import { PROBLEM_CONTENT_TYPE, type Problem, problemSchema } from "../problem.ts";
import { isRateLimited } from "../rate-limit.ts";
import type { DeclaredResponse, ResponseHeader, Route } from "../routes/route.ts";
import { documentBodyGuards } from "./body-guards.ts";

export type OpenApiDocument = ReturnType<typeof createDocument>;

/** Who answers for the API and where it is served: from the service's configuration (`apiInfoFromConfig`). */
export type ApiInfo = Readonly<{
  /** The base URL clients use; the document's `servers`. */
  serverUrl: string;
  contact: Readonly<{ name: string; url?: string; email?: string }>;
  license: Readonly<{ name: string; identifier?: string }>;
  /** Where clients get a token (OAuth 2.0 client credentials), for the routes that declare scopes. */
  tokenUrl: string;
}>;

export type DocumentOptions = Readonly<{
  /** The API's name: "Delivery API". */
  title: string;
  version: ApiVersion;
  routes: readonly Route[];
  errorMap: ErrorMap;
  info: ApiInfo;
  /** Scopes the service checks beyond those its routes require (an administrative one), with what each allows. */
  moreScopes?: Readonly<Record<string, string>> | undefined;
  /** Whether the app gives each request a deadline (REQUEST_DEADLINE_MS): then any operation may answer its 503. */
  requestDeadline: boolean;
}>;

/** The name of the bearer-token scheme in every document's components. */
const SECURITY_SCHEME = "bearerAuth";

/** The headers the kit sends on its own, beside those a route declares. */
type KitHeader = "Deprecation" | "Sunset" | "Link" | "RateLimit" | "RateLimit-Policy";

const HEADER_DESCRIPTIONS: Readonly<Record<ResponseHeader | KitHeader, string>> = {
  ETag: "Strong entity tag of this representation; send it back in If-Match.",
  Location: "The created resource, or where to look next.",
  "Content-Location": "The resource whose stored state the body shows.",
  "Retry-After": "Seconds to wait before asking again.",
  "Preference-Applied": "Which of the request's Prefer preferences were honoured (RFC 7240).",
  Deprecation: "When this version was deprecated, as @<unix time> (RFC 9745).",
  Sunset: "When this version stops answering, from then on 410 (RFC 8594).",
  Link: 'The same resource in the successor version: <...>; rel="successor-version".',
  "RateLimit-Policy":
    'The client\'s write quota, when the service limits writes: "writes";q=<requests>;w=<seconds> (draft-ietf-httpapi-ratelimit-headers).',
  RateLimit:
    'What is left of the write quota, when the service limits writes: "writes";r=<remaining>;t=<seconds until it resets>.',
};

/** Answered by authentication, before the rate limiter counts a write: no RateLimit fields. */
const BEFORE_RATE_LIMIT = new Set(["auth.unauthenticated", "auth.invalid_token"]);
/** Answered before a served version is known (the limiter comes first; a retired version is not served). */
const BEFORE_LIFECYCLE = new Set([...BEFORE_RATE_LIMIT, "rate_limit.exceeded", "version.retired"]);
/** Sent with Retry-After though their problem names no fixed wait: the limiter's window, the service's retry, a key's. */
const RETRY_AFTER_CODES = new Set(["rate_limit.exceeded", "service.unavailable", "idempotency.in_flight"]);

/** The majors of the routes' paths: `/v2/...` belongs to version 2; other paths to none. */
export function majorOf(route: Route): number | undefined {
  const major = /^\/v(\d+)\//.exec(route.path)?.[1];
  return major === undefined ? undefined : Number(major);
}

/**
 * The resource a route belongs to: its declared tag, else the first segment after the major
 * (`/v2/deliveries/{id}/dropoff` -> `deliveries`).
 */
export function tagOf(route: Route): string {
  return route.tag ?? /^\/v\d+\/([^/{]+)/.exec(route.path)?.[1] ?? "other";
}

/** The OpenAPI 3.1 document of one major, generated from the route declarations that serve it. */
export function openApiDocument(options: DocumentOptions): OpenApiDocument {
  const paths: ZodOpenApiPathsObject = {};
  const routes = options.routes.filter((r) => majorOf(r) === options.version.major);
  for (const route of routes) {
    paths[route.path] = { ...paths[route.path], [route.method]: toOperation(route, options) };
  }
  const { version, info } = options;
  return documentBodyGuards(
    createDocument({
      openapi: "3.1.0",
      info: {
        title: `${options.title}, version ${version.major}`,
        version: contractVersionOf(version),
        description: lifecycle(version),
        ...(version.state === "preview" && { "x-api-preview": true }),
        contact: { ...info.contact },
        license: { ...info.license },
      },
      servers: [{ url: info.serverUrl }],
      tags: [...new Set(routes.map(tagOf))].map((name) => ({ name })),
      paths,
      ...(routes.some((route) => route.scopes) && {
        components: {
          securitySchemes: {
            [SECURITY_SCHEME]: {
              type: "oauth2",
              description:
                "An OAuth 2.0 access token (a JWT) from the issuer the service trusts, sent as a Bearer token.",
              flows: {
                clientCredentials: {
                  tokenUrl: info.tokenUrl,
                  scopes: { ...scopeDescriptions(routes), ...options.moreScopes },
                },
              },
            },
          },
        },
      }),
    }),
  );
}

function toOperation(route: Route, options: DocumentOptions): ZodOpenApiOperationObject {
  const { errorMap, version } = options;
  const parameters = {
    ...(route.params && { path: route.params }),
    ...(route.query && { query: route.query }),
    ...(route.headers && { header: route.headers }),
  };
  const responses: ZodOpenApiOperationObject["responses"] = {};
  // A declared answer (no codes) comes from the route, after every middleware that sets these headers.
  const answeredBefore = (codes: readonly string[], before: ReadonlySet<string>) =>
    codes.length > 0 && codes.every((code) => before.has(code));
  const kitHeaders = (codes: readonly string[]) => [
    ...(version.state === "deprecated" && !answeredBefore(codes, BEFORE_LIFECYCLE) ? lifecycleHeaders(version) : []),
    ...(isRateLimited(route.method) && !answeredBefore(codes, BEFORE_RATE_LIMIT)
      ? (["RateLimit-Policy", "RateLimit"] as const)
      : []),
  ];
  for (const [status, response] of Object.entries(route.responses)) {
    const headers = [...(response.headers ?? []), ...kitHeaders([])];
    responses[status as "200"] = toResponse(response, headers, `${route.operationId} ${status}`);
  }
  for (const [status, problems] of problemStatuses(route, options)) {
    const codes = [...problems.keys()];
    const retry = codes.some((code) => RETRY_AFTER_CODES.has(code) || errorMap[code]?.retryAfterSeconds !== undefined);
    responses[status as "400"] = toProblem(problems, [
      ...(retry ? (["Retry-After"] as const) : []),
      ...kitHeaders(codes),
    ]);
  }
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: route.description,
    ...(version.state === "deprecated" && { deprecated: true }),
    tags: [tagOf(route)],
    ...(route.scopes && { security: [{ [SECURITY_SCHEME]: [...route.scopes] }] }),
    ...(Object.keys(parameters).length > 0 && { requestParams: parameters }),
    ...(route.body && {
      requestBody: {
        required: true,
        content: {
          "application/json": { schema: route.body.schema, example: checkedExample(route.body, route.operationId) },
        },
      },
    }),
    responses,
  };
}

/**
 * The problems a route can answer, by status: the codes it declares, and those the kit raises for any
 * route with input (400) or a body (413, 415), a token (401, 403) or a write (429), every route of a
 * deprecated major (410 in a brownout and from its sunset), and every route at all (503: a dependency
 * down, or the request's deadline passed), each as the problem a client gets.
 */
function problemStatuses(
  route: Route,
  { errorMap, version, requestDeadline }: DocumentOptions,
): Map<string, Map<string, Problem>> {
  const hasInput = route.params || route.query || route.body || route.headers;
  const codes = [
    ...(hasInput ? ["request.invalid"] : []),
    ...(route.body ? ["request.too_large", "request.unsupported_media_type"] : []),
    ...(route.scopes ? ["auth.unauthenticated", "auth.invalid_token", "auth.insufficient_scope"] : []),
    // Every write may be limited (RATE_LIMIT_WRITES): documented whatever one deployment configures.
    ...(isRateLimited(route.method) ? ["rate_limit.exceeded"] : []),
    ...(version.state === "deprecated" ? ["version.brownout", "version.retired"] : []),
    "service.unavailable",
    ...(requestDeadline ? ["request.deadline_exceeded"] : []),
    ...(route.errors ?? []),
  ];
  const byStatus = new Map<string, Map<string, Problem>>();
  for (const code of codes) {
    const spec = errorMap[code];
    if (!spec) throw new Error(`${route.operationId} declares ${code}, which the error map does not know`);
    const problems = byStatus.get(String(spec.status)) ?? new Map<string, Problem>();
    problems.set(code, { type: problemTypeFor(code), title: spec.title, status: spec.status });
    byStatus.set(String(spec.status), problems);
  }
  return new Map([...byStatus].toSorted(([a], [b]) => a.localeCompare(b)));
}

/** A declared answer; its example is checked against its schema here, so the document cannot show a wrong one. */
function toResponse(response: DeclaredResponse, headers: readonly (ResponseHeader | KitHeader)[], name: string) {
  return {
    description: response.description,
    ...headersOf(headers),
    ...(response.links && { links: response.links }),
    ...(response.schema && {
      content: { "application/json": { schema: response.schema, example: checkedExample(response, name) } },
    }),
  };
}

function checkedExample(declared: { schema?: z.ZodType; example?: unknown }, name: string): unknown {
  if (declared.example === undefined) throw new Error(`${name}: a body with a schema declares its example`);
  const parsed = declared.schema?.safeParse(declared.example);
  if (parsed && !parsed.success)
    throw new Error(`${name}: the example does not match the schema: ${parsed.error.message}`);
  return declared.example;
}

/** One example per code that shares the status, named by its code. */
function toProblem(problems: ReadonlyMap<string, Problem>, headers: readonly (ResponseHeader | KitHeader)[]) {
  const titles = [...new Set([...problems.values()].map((problem) => problem.title))];
  const examples = Object.fromEntries([...problems].map(([code, problem]) => [code, { value: problem }]));
  return {
    description: `${titles.join("; ")} (problem+json).`,
    ...headersOf(headers),
    content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema, examples } },
  };
}

function headersOf(headers: readonly (ResponseHeader | KitHeader)[]) {
  if (headers.length === 0) return {};
  const described = headers.map((header) => [
    header,
    { description: HEADER_DESCRIPTIONS[header], schema: { type: "string" as const } },
  ]);
  return { headers: Object.fromEntries(described) };
}

/** The lifecycle headers a deprecated major sends, those its registry entry gives values for. */
function lifecycleHeaders(version: ApiVersion): KitHeader[] {
  return [
    ...(version.deprecatedAt ? (["Deprecation"] as const) : []),
    ...(version.sunsetAt ? (["Sunset"] as const) : []),
    ...(version.successor !== undefined ? (["Link"] as const) : []),
  ];
}

/** Every scope the routes require, described from its name: `deliveries:write` -> "Write deliveries". */
function scopeDescriptions(routes: readonly Route[]): Record<string, string> {
  const scopes = [...new Set(routes.flatMap((route) => route.scopes ?? []))].toSorted();
  return Object.fromEntries(
    scopes.map((scope) => {
      const [resource = scope, action = "use"] = scope.split(":");
      return [scope, `${action.charAt(0).toUpperCase()}${action.slice(1)} ${resource}`];
    }),
  );
}

function lifecycle(version: ApiVersion): string {
  if (version.state === "preview") {
    return "A preview, to try: it may still change or be withdrawn without notice, is outside the breaking-change gate, and answers only a request that names it. Its answers carry `api-version-state: preview`.";
  }
  if (version.state !== "deprecated") return `This version is ${version.state}.`;
  const brownouts = (version.brownouts ?? []).map(({ from, until }) => `${from} to ${until}`);
  const warnings = brownouts.length === 0 ? "" : ` It answers 410 in its brownouts (${brownouts.join(", ")}).`;
  return `Deprecated since ${version.deprecatedAt}; sunset ${version.sunsetAt}, from when it answers 410; use version ${version.successor}.${warnings}`;
}
