export {
  type Access,
  AuthenticationRequiredError,
  accessOf,
  EVERYTHING,
  InsufficientScopeError,
  InvalidTokenError,
  KeysUnavailableError,
  mayAccess,
  type Principal,
} from "../access/index.ts";
export { ASYMMETRIC_ALGORITHMS, type TokenAlgorithm } from "../config/index.ts";
export { authenticationOf, publicPathMatcher } from "./auth-config.ts";
export type { BearerAuthenticationOptions } from "./bearer-options.ts";
export { type ClientCredentials, clientCredentialsToken } from "./client-credentials.ts";
export { InvalidClaim, principalOf } from "./principal.ts";
export {
  type JwksVerifierOptions,
  jwksTokenVerifier,
  KeysUnavailable,
  TokenRejected,
  type TokenVerifier,
} from "./token-verifier.ts";
