import type { Middleware } from "koa";
import { AuthenticationRequiredError, InvalidTokenError, KeysUnavailableError } from "../access/index.ts";
import { type BearerAuthenticationOptions, KeysUnavailable, TokenRejected } from "../auth/index.ts";
import type { AppState } from "./app-context.ts";

const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;
const KEYS_RETRY_AFTER_SECONDS = 5;

/**
 * Every request but the public ones carries `Authorization: Bearer <token>`, checked before its body is
 * read; the caller is `ctx.state.principal` from then on. No token, another scheme or a malformed header:
 * 401 with the challenge and no error code; a token that fails a check: 401 `invalid_token`.
 */
export function bearerAuthentication(options: BearerAuthenticationOptions): Middleware<AppState> {
  return async (ctx, next) => {
    if (options.isPublic(ctx.path)) return next();
    const token = BEARER.exec(ctx.get("Authorization"))?.[1];
    if (token === undefined) throw new AuthenticationRequiredError(options.realm);
    try {
      ctx.state.principal = await options.verify(token);
    } catch (error) {
      if (error instanceof TokenRejected) throw new InvalidTokenError(options.realm, error.message);
      if (error instanceof KeysUnavailable) {
        ctx.state.log.warn({ err: error.cause }, "token issuer's keys unavailable");
        throw new KeysUnavailableError(KEYS_RETRY_AFTER_SECONDS);
      }
      throw error;
    }
    return next();
  };
}
