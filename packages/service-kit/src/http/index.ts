export { type ApiDocsOptions, apiDocsRoutes } from "./api-docs.ts";
export { type ApiVersioningOptions, apiVersioning } from "./api-versioning.ts";
export type { AppContext, AppState } from "./app-context.ts";
export {
  conditionMatches,
  type EntityTagCondition,
  isNotModified,
  parseIfMatch,
  parseIfNoneMatch,
} from "./conditional.ts";
export { type ErrorHandlerOptions, errorHandler, errorResponder } from "./error-handler.ts";
export { commonErrorMap, type ErrorMap, type ProblemSpec, problemTypeFor } from "./error-map.ts";
export { type HealthChecks, healthRoutes } from "./health.ts";
export * from "./idempotency/index.ts";
export { type JsonBodyOptions, jsonBody } from "./json-body.ts";
export { findJsonViolations } from "./json-guards.ts";
export { toJsonPointer } from "./json-pointer.ts";
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
export { REQUEST_ID_HEADER, requestContext } from "./request-context.ts";
export { parseRequest } from "./validate.ts";
