import { AppError, type Violation } from "./app-error.ts";

/** The request is malformed or does not match the contract's shape. */
export class InvalidRequestError extends AppError<"request.invalid"> {
  constructor(message: string, violations: readonly Violation[] = []) {
    super("request.invalid", message, { violations });
  }
}

export class UnsupportedMediaTypeError extends AppError<"request.unsupported_media_type"> {
  constructor(message: string) {
    super("request.unsupported_media_type", message);
  }
}

export class PayloadTooLargeError extends AppError<"request.too_large"> {
  constructor(limitBytes: number) {
    super("request.too_large", `the body is larger than ${limitBytes} bytes`);
  }
}

/** A conditional request (If-Match, If-None-Match) whose condition does not hold. */
export class PreconditionFailedError extends AppError<"request.precondition_failed"> {
  constructor(message: string) {
    super("request.precondition_failed", message);
  }
}

/** The state changed under us more often than we were willing to retry. */
export class ConcurrentModificationError extends AppError<"resource.concurrent_modification"> {
  constructor(message: string) {
    super("resource.concurrent_modification", message);
  }
}

/** The request names an API major this service does not serve (or never did). */
export class UnsupportedVersionError extends AppError<"version.unsupported"> {
  constructor(requested: string, supported: readonly number[]) {
    super("version.unsupported", `API version ${requested} is not served; supported: ${supported.join(", ")}`);
  }
}

/** The request names an API major that was served once and is now retired (by its state or its sunset). */
export class VersionRetiredError extends AppError<"version.retired"> {
  constructor(major: number, successor: number | undefined, sunsetAt?: string) {
    const since = sunsetAt === undefined ? "" : ` since its sunset, ${sunsetAt}`;
    super("version.retired", `API version ${major} is retired${since}${useInstead(successor)}`);
  }
}

/**
 * A deprecated major answers 410 for a short window before its sunset, so the clients that still call it
 * notice while it can still be served; the answer says when the window ends and when the sunset is.
 */
export class VersionBrownoutError extends AppError<"version.brownout"> {
  constructor(major: number, window: Readonly<{ until: string; sunsetAt: string; successor: number | undefined }>) {
    super(
      "version.brownout",
      `API version ${major} is in a scheduled brownout until ${window.until}, a warning before its sunset on ${window.sunsetAt}, when it stops answering for good${useInstead(window.successor)}`,
    );
  }
}

/** A major taken back (a rollback): its callers are sent to the current one. */
export class VersionWithdrawnError extends AppError<"version.withdrawn"> {
  constructor(major: number, current: number) {
    super("version.withdrawn", `API version ${major} was withdrawn${useInstead(current)}`);
  }
}

function useInstead(successor: number | undefined): string {
  return successor === undefined ? "" : `; use version ${successor} (/v${successor}/...)`;
}

/** An Idempotency-Key already used for a different request (draft-ietf-httpapi-idempotency-key-header). */
export class IdempotencyKeyReusedError extends AppError<"idempotency.key_reused"> {
  constructor() {
    super("idempotency.key_reused", "this Idempotency-Key was used for a different request");
  }
}

/**
 * The first request with this Idempotency-Key is still being processed. `Retry-After: 1`: it may finish any
 * moment, and a retry that comes back then is answered at once.
 */
export class IdempotencyKeyInFlightError extends AppError<"idempotency.in_flight"> {
  constructor(headers: Readonly<Record<string, string>> = {}) {
    super("idempotency.in_flight", "a request with this Idempotency-Key is still in flight; retry later", {
      headers: { "Retry-After": "1", ...headers },
    });
  }
}

/**
 * The request's deadline passed before its work could finish, or before a write could start: a 503 with
 * Retry-After. Nothing was started after the deadline, but a write already under way when it passed may
 * still land; PUT and DELETE are idempotent, so a retry is safe.
 */
export class DeadlineExceededError extends AppError<"request.deadline_exceeded"> {
  constructor(message: string) {
    super("request.deadline_exceeded", message);
  }
}
