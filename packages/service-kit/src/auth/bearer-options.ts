import type { TokenVerifier } from "./token-verifier.ts";

/** What `bearerAuthentication` (the HTTP middleware) checks each request with. */
export type BearerAuthenticationOptions = Readonly<{
  verify: TokenVerifier;
  /** Named in every challenge (`WWW-Authenticate: Bearer realm="..."`): the service's name. */
  realm: string;
  /** Paths served without a token: health, metrics, the documents and docs page. */
  isPublic: (path: string) => boolean;
}>;
