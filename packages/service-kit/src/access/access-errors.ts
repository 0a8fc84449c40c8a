import { AppError } from "../errors/index.ts";

/*
 * RFC 6750: a 401 names the Bearer scheme in WWW-Authenticate; a request with no token gets no error code,
 * a bad token gets `invalid_token` and a description that says what is wrong with it without echoing it.
 */

/** The request carries no bearer token. */
export class AuthenticationRequiredError extends AppError<"auth.unauthenticated"> {
  constructor(realm: string) {
    super("auth.unauthenticated", "this request needs a bearer token (Authorization: Bearer <token>)", {
      headers: { "WWW-Authenticate": `Bearer realm="${realm}"` },
    });
  }
}

/** The token is malformed, expired, not yet valid, signed by an unknown key, or meant for someone else. */
export class InvalidTokenError extends AppError<"auth.invalid_token"> {
  constructor(realm: string, description: string) {
    super("auth.invalid_token", `the bearer token is not accepted: ${description}`, {
      headers: {
        "WWW-Authenticate": `Bearer realm="${realm}", error="invalid_token", error_description="${description}"`,
      },
    });
  }
}

/** The token is good but lacks a scope the route requires. */
export class InsufficientScopeError extends AppError<"auth.insufficient_scope"> {
  constructor(required: readonly string[]) {
    super("auth.insufficient_scope", `this request needs the scopes ${required.join(", ")}`, {
      headers: { "WWW-Authenticate": `Bearer error="insufficient_scope", scope="${required.join(" ")}"` },
    });
  }
}

/** The issuer's keys cannot be fetched now: no token can be checked, so retry later (503). */
export class KeysUnavailableError extends AppError<"service.unavailable"> {
  constructor(retryAfterSeconds: number) {
    super("service.unavailable", "the token issuer's keys cannot be fetched now; retry later", {
      headers: { "Retry-After": String(retryAfterSeconds) },
    });
  }
}
