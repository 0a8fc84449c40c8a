import type { AppError } from "../errors/index.ts";

/** How one error code appears on the wire. */
export type ProblemSpec = {
  readonly status: number;
  readonly title: string;
  /** Sent as `Retry-After` with the problem: for a failure a later retry can get past (a 503, a 504). */
  readonly retryAfterSeconds?: number;
};

/** Error code -> problem. The only place where a code meets an HTTP status. */
export type ErrorMap<Code extends string = string> = Readonly<Record<Code, ProblemSpec>>;

/**
 * The codes every service shares. A service spreads this into its own map and adds its domain codes.
 * Rule (documented in the README): 400 when a request does not match the contract's shape or is
 * malformed; 422 when it is well-formed but breaks a rule of the domain.
 */
export const commonErrorMap = {
  "request.invalid": { status: 400, title: "Invalid request" },
  "request.unsupported_media_type": { status: 415, title: "Unsupported media type" },
  "request.too_large": { status: 413, title: "Content too large" },
  "request.precondition_failed": { status: 412, title: "Precondition failed" },
  "resource.concurrent_modification": { status: 409, title: "Concurrent modification" },
  "idempotency.key_reused": { status: 422, title: "Idempotency-Key reused" },
  "idempotency.in_flight": { status: 409, title: "Idempotency-Key in flight" },
  "auth.unauthenticated": { status: 401, title: "Authentication required" },
  "auth.invalid_token": { status: 401, title: "Invalid token" },
  "auth.insufficient_scope": { status: 403, title: "Insufficient scope" },
  "rate_limit.exceeded": { status: 429, title: "Too many requests" },
  "route.not_found": { status: 404, title: "Not found" },
  "version.unsupported": { status: 400, title: "Unsupported API version" },
  "version.retired": { status: 410, title: "API version retired" },
  "version.brownout": { status: 410, title: "API version in a scheduled brownout" },
  "version.withdrawn": { status: 410, title: "API version withdrawn" },
  "route.method_not_allowed": { status: 405, title: "Method not allowed" },
  "service.unavailable": { status: 503, title: "Service unavailable" },
  "request.deadline_exceeded": { status: 503, title: "Deadline exceeded", retryAfterSeconds: 5 },
  "service.internal": { status: 500, title: "Internal server error" },
} as const satisfies ErrorMap;

export type CommonErrorCode = keyof typeof commonErrorMap;

/**
 * The codes of every error class a module exports (`ErrorCodes<typeof import("./x.errors.ts")>`): a
 * service's map `satisfies ErrorMap<...>` of them, so a new error class without a problem fails to compile.
 */
export type ErrorCodes<Module> = {
  [Name in keyof Module]: Module[Name] extends abstract new (...args: never) => AppError<infer Code> ? Code : never;
}[keyof Module];

export function problemTypeFor(code: string): string {
  return `urn:problem-type:${code}`;
}
