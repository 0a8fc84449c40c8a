import type { Middleware } from "koa";
import { Deadline, runWithDeadline } from "../deadlines/index.ts";
import type { AppState } from "./app-context.ts";

/** The caller's remaining time in milliseconds, relative so that its clock and ours need not agree. */
export const REQUEST_TIMEOUT_HEADER = "X-Request-Timeout-Ms";

/** Digits only, at most nine (about 11 days): anything else is ignored, never an error. */
const TIMEOUT_MS = /^\d{1,9}$/;

/**
 * Gives every request a deadline: `settingMs` (REQUEST_DEADLINE_MS), or the caller's remaining time when it
 * sends `X-Request-Timeout-Ms` and that is shorter. It is on `ctx.state.deadline` and in the request's async
 * context, where the write engine refuses to start a write after it and the kit's database adapters are
 * cancelled at it (a 503 with Retry-After). A caller with no time left is refused before anything runs.
 */
export function requestDeadline(settingMs: number): Middleware<AppState> {
  return async (ctx, next) => {
    const deadline = new Deadline(Math.min(settingMs, callerTimeoutMs(ctx.get(REQUEST_TIMEOUT_HEADER)) ?? settingMs));
    ctx.state.deadline = deadline;
    try {
      deadline.assertMayStart("the request");
      await runWithDeadline(deadline, next);
    } finally {
      deadline.dispose();
    }
  };
}

/** The header's milliseconds, or undefined for a missing or malformed value. */
export function callerTimeoutMs(value: string): number | undefined {
  return TIMEOUT_MS.test(value) ? Number(value) : undefined;
}
