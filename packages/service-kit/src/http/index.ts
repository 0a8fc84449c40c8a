export { type Link, linkSchema } from "../wire/index.ts";
export { API_USAGE_SCOPE, apiUsageRoutes } from "./api-usage-routes.ts";
export { type ApiVersioningOptions, apiVersioning } from "./api-versioning.ts";
export type { AppContext, AppState } from "./app-context.ts";
export { bearerAuthentication } from "./bearer-authentication.ts";
export { assertBodyIdMatches } from "./body-id.ts";
export {
  conditionHeader,
  conditionMatches,
  type EntityTagCondition,
  isNotModified,
  parseIfMatch,
  parseIfNoneMatch,
} from "./conditional.ts";
export { conditionalWriteErrors } from "./conditional-write-errors.ts";
export { type ErrorHandlerOptions, errorHandler, errorResponder } from "./error-handler.ts";
export {
  type CommonErrorCode,
  commonErrorMap,
  type ErrorCodes,
  type ErrorMap,
  type ProblemSpec,
  problemTypeFor,
} from "./error-map.ts";
export { type HealthChecks, healthRoutes } from "./health.ts";
export * from "./idempotency/index.ts";
export { type JsonBodyOptions, jsonBody } from "./json-body.ts";
export { findJsonViolations } from "./json-guards.ts";
export { fromJsonPointer, toJsonPointer } from "./json-pointer.ts";
export { apiInfoOf } from "./openapi/api-info.ts";
export {
  type ApiInfo,
  type DocumentOptions,
  type OpenApiDocument,
  openApiDocument,
  tagOf,
} from "./openapi/openapi-document.ts";
export { preconditionFromHeaders } from "./precondition-headers.ts";
export { type AsyncPreferences, parseAsyncPreferences } from "./prefer.ts";
export {
  type FieldError,
  fieldErrorSchema,
  PROBLEM_CONTENT_TYPE,
  type Problem,
  problemSchema,
} from "./problem.ts";
export { writeProblem } from "./problem-response.ts";
export { singleValuedQuery } from "./query.ts";
export { type RateLimitOptions, rateLimit } from "./rate-limit.ts";
export { RateLimitExceededError } from "./rate-limit-errors.ts";
export {
  answerPut,
  etagOf,
  preconditionFor,
  putAnswer,
  type Representation,
  representationAnswer,
  respondWithRepresentation,
  versionFromEtag,
} from "./representation.ts";
export { REQUEST_ID_HEADER, requestContext } from "./request-context.ts";
export { callerTimeoutMs, REQUEST_TIMEOUT_HEADER, requestDeadline, waitWithinDeadline } from "./request-deadline.ts";
export { type AggregateRoutes, type AggregateRoutesBase, aggregateRoutes } from "./routes/aggregate-routes.ts";
export { type Answer, accepted, created, noContent, ok, writeAnswer } from "./routes/answers.ts";
export {
  LIST_PAGE_DESCRIPTION,
  type ListFilter,
  type ListPage,
  type ListQuery,
  type ListRouteDeclaration,
  listRoute,
} from "./routes/list-route.ts";
export { PUT_DESCRIPTIONS, type PutRouteDeclaration, putRoute, type StoredRepresentation } from "./routes/put-route.ts";
export { deleteRoute, type ResourceParams, type ResourceRoute, readRoute } from "./routes/resource-routes.ts";
export {
  type DeclaredResponse,
  defineRoute,
  type HttpMethod,
  type ResponseHeader,
  type Route,
  type RouteDeclaration,
  type RouteInput,
} from "./routes/route.ts";
export { koaPath, type RouteRouterOptions, routeRouter } from "./routes/route-router.ts";
export { appRoutes, createServiceApp, errorOptionsOf, type ServiceAppOptions } from "./service-app.ts";
export { parseRequest } from "./validate.ts";
