export { type Access, accessOf, EVERYTHING, mayAccess } from "./access.ts";
export { authenticationOf, publicPathMatcher } from "./auth-config.ts";
export {
  AuthenticationRequiredError,
  InsufficientScopeError,
  InvalidTokenError,
  KeysUnavailableError,
} from "./auth-errors.ts";
export { type BearerAuthenticationOptions, bearerAuthentication } from "./bearer-authentication.ts";
export { type ClientCredentials, clientCredentialsToken } from "./client-credentials.ts";
export { InvalidClaim, type Principal, principalOf } from "./principal.ts";
export {
  ASYMMETRIC_ALGORITHMS,
  type JwksVerifierOptions,
  jwksTokenVerifier,
  KeysUnavailable,
  type TokenAlgorithm,
  TokenRejected,
  type TokenVerifier,
} from "./token-verifier.ts";
