import type { ServiceConfig } from "../config/index.ts";
import type { BearerAuthenticationOptions } from "./bearer-options.ts";
import { jwksTokenVerifier } from "./token-verifier.ts";

/** The app's authentication from the shared variables (AUTH_*): none with AUTH_MODE=off. */
export function authenticationOf(config: ServiceConfig, realm: string): BearerAuthenticationOptions | undefined {
  if (config.AUTH_MODE === "off") return undefined;
  const { AUTH_JWKS_URL: jwksUrl, AUTH_ISSUER: issuer, AUTH_AUDIENCE: audience } = config;
  // serviceConfigRules refused this configuration already; this only tells the type checker.
  if (!jwksUrl || !issuer || !audience)
    throw new Error("AUTH_MODE=jwt needs AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE");
  return {
    realm,
    verify: jwksTokenVerifier({
      jwksUrl,
      issuer,
      audience,
      algorithms: config.AUTH_ALGORITHMS,
      clockToleranceSeconds: config.AUTH_CLOCK_SKEW_SECONDS,
    }),
    isPublic: publicPathMatcher(config.AUTH_PUBLIC_PATHS),
  };
}

/** Whether a path is one of the patterns or below one; `*` in a pattern is exactly one segment. */
export function publicPathMatcher(patterns: readonly string[]): (path: string) => boolean {
  const expressions = patterns.map((pattern) => {
    const source = pattern
      .replace(/\/+$/, "")
      .split("*")
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join("[^/]+");
    return new RegExp(`^${source}(/|$)`);
  });
  return (path) => expressions.some((expression) => expression.test(path));
}
