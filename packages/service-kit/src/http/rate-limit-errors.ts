import { AppError } from "../errors/index.ts";

/** The client used up its requests for the window: 429 with when to come back (RFC 6585). */
export class RateLimitExceededError extends AppError<"rate_limit.exceeded"> {
  constructor(retryAfterSeconds: number, headers: Readonly<Record<string, string>>) {
    super("rate_limit.exceeded", `too many requests from this client; retry in ${retryAfterSeconds} s`, {
      headers: { ...headers, "Retry-After": String(retryAfterSeconds) },
    });
  }
}
