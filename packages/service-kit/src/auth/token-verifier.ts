import { createRemoteJWKSet, errors, type JWTPayload, jwtVerify } from "jose";
import type { Principal } from "../access/index.ts";
import type { TokenAlgorithm } from "../config/index.ts";
import { InvalidClaim, principalOf } from "./principal.ts";

/**
 * Checks a bearer token and says who it names; throws `TokenRejected` with a reason a client may read, or
 * `KeysUnavailable` when the issuer's keys cannot be fetched (nothing is wrong with the token then).
 */
export type TokenVerifier = (token: string) => Promise<Principal>;

export class TokenRejected extends Error {}
export class KeysUnavailable extends Error {}

export type JwksVerifierOptions = Readonly<{
  /** The issuer's key set (`jwks_uri` of its discovery document). */
  jwksUrl: string;
  issuer: string;
  audience: string;
  algorithms: readonly TokenAlgorithm[];
  /** How far clocks may disagree when expiry and not-before are checked. */
  clockToleranceSeconds: number;
}>;

/**
 * OAuth 2.0 bearer JWTs checked against the issuer's JWKS: signature with an allowed algorithm, issuer,
 * audience, expiry and not-before (with the tolerance), a subject; then the claims the kit uses are checked
 * for their form (`principalOf`). Keys are fetched once and cached (jose:
 * an unknown `kid` fetches again, at most every 30 s, so a rotated key is picked up; at most 10 minutes old).
 */
export function jwksTokenVerifier(options: JwksVerifierOptions): TokenVerifier {
  const keys = createRemoteJWKSet(new URL(options.jwksUrl));
  const checks = {
    issuer: options.issuer,
    audience: options.audience,
    algorithms: [...options.algorithms],
    clockTolerance: options.clockToleranceSeconds,
    requiredClaims: ["sub", "exp"],
  };
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, checks));
    } catch (error) {
      if (keysUnavailable(error)) throw new KeysUnavailable("the issuer's keys could not be fetched", { cause: error });
      throw new TokenRejected(reasonOf(error), { cause: error });
    }
    try {
      return principalOf(payload);
    } catch (error) {
      if (error instanceof InvalidClaim) throw new TokenRejected(error.message, { cause: error });
      throw error;
    }
  };
}

/**
 * The key set could not be had: a network failure, a timeout, an answer that is not 200 or not a key set
 * (jose raises its generic error for those two). Nothing is wrong with the token then.
 */
function keysUnavailable(error: unknown): boolean {
  if (!(error instanceof errors.JOSEError)) return true;
  return (
    error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || error.code === "ERR_JOSE_GENERIC"
  );
}

/** What a client may be told: the kind of failure, never the token's content or the verifier's internals. */
function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return "the token has expired";
  if (error instanceof errors.JWTClaimValidationFailed) return `the token's ${error.claim} claim is not accepted`;
  if (error instanceof errors.JOSEAlgNotAllowed) return "the token's algorithm is not accepted";
  if (error instanceof errors.JWKSNoMatchingKey) return "the token is signed with an unknown key";
  if (error instanceof errors.JWSSignatureVerificationFailed) return "the token's signature is not valid";
  return "the token is malformed";
}
