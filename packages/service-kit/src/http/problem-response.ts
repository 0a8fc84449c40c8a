import type { AppContext } from "./app-context.ts";
import { type ProblemSpec, problemTypeFor } from "./error-map.ts";
import { type FieldError, PROBLEM_CONTENT_TYPE, type Problem } from "./problem.ts";

export type ProblemInput = {
  readonly code: string;
  readonly spec: ProblemSpec;
  readonly detail?: string;
  readonly errors?: readonly FieldError[];
};

/** Writes an RFC 9457 problem as the response. `instance` is the request's path and id, for support. */
export function writeProblem(ctx: AppContext, input: ProblemInput): void {
  const problem: Problem = {
    type: problemTypeFor(input.code),
    title: input.spec.title,
    status: input.spec.status,
    instance: `${ctx.path}#request-${ctx.state.requestId}`,
  };
  if (input.detail !== undefined) problem.detail = input.detail;
  if (input.errors && input.errors.length > 0) problem.errors = [...input.errors];
  ctx.status = input.spec.status;
  if (input.spec.retryAfterSeconds !== undefined) ctx.set("Retry-After", String(input.spec.retryAfterSeconds));
  ctx.body = problem;
  ctx.type = PROBLEM_CONTENT_TYPE;
}
