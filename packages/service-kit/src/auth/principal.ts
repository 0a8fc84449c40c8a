import type { JWTPayload } from "jose";
import type { Principal } from "../access/index.ts";

/** A claim the kit uses is not of the accepted form: the token is refused (401 `invalid_token`). */
export class InvalidClaim extends Error {
  readonly claim: string;
  constructor(claim: string) {
    super(`the token's ${claim} claim is not accepted`);
    this.claim = claim;
  }
}

/*
 * A signature says who issued a claim, not that its value is safe to use: these values go into database
 * filters (the owner), keys (Idempotency-Keys, rate limits) and log lines, so each must be a string of a
 * bounded length and character set, never an object (a query operator), a number or a control character.
 * Identities: 1-255 visible ASCII characters (OpenID Connect caps `sub` at 255 ASCII characters; every
 * provider's subjects and client ids fit). Scopes: RFC 6749's scope-token, at most 255 characters each
 * and MAX_SCOPES of them.
 */
const IDENTITY = /^[\x21-\x7e]{1,255}$/;
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]{1,255}$/;
const MAX_SCOPES = 128;
const MAX_SCOPE_LENGTH = MAX_SCOPES * 256;

/** The caller the claims name; throws `InvalidClaim` when one it uses is not of the accepted form. */
export function principalOf(payload: JWTPayload): Principal {
  const subject = identity(payload, "sub");
  if (subject === undefined) throw new InvalidClaim("sub");
  const clientId = identity(payload, "azp") ?? identity(payload, "client_id") ?? subject;
  return { subject, clientId, scopes: new Set(scopesOf(payload)) };
}

/** The claim's value when it is present and an identity; absent is `undefined`; any other value is refused. */
function identity(payload: JWTPayload, claim: "sub" | "azp" | "client_id"): string | undefined {
  const value = payload[claim];
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !IDENTITY.test(value)) throw new InvalidClaim(claim);
  return value;
}

function scopesOf(payload: JWTPayload): string[] {
  if (payload.scope !== undefined) {
    const scopes = spaceSeparated(payload.scope, "scope");
    if (scopes === undefined) throw new InvalidClaim("scope");
    return checkedScopes(scopes, "scope");
  }
  if (payload.scp !== undefined) return checkedScopes(spaceSeparated(payload.scp, "scp") ?? listOf(payload.scp), "scp");
  return [];
}

/** The scopes of a space-separated string (`scope`, and `scp` as Entra ID sends it); undefined for any other value. */
function spaceSeparated(value: unknown, claim: "scope" | "scp"): string[] | undefined {
  if (typeof value !== "string") return undefined;
  if (value.length > MAX_SCOPE_LENGTH) throw new InvalidClaim(claim);
  return value.split(" ").filter(Boolean);
}

/** `scp` as a list (Okta). */
function listOf(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new InvalidClaim("scp");
  return value;
}

function checkedScopes(scopes: unknown[], claim: "scope" | "scp"): string[] {
  if (scopes.length > MAX_SCOPES) throw new InvalidClaim(claim);
  for (const scope of scopes) {
    if (typeof scope !== "string" || !SCOPE_TOKEN.test(scope)) throw new InvalidClaim(claim);
  }
  return scopes as string[];
}
