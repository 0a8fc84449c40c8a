import type { JWTPayload } from "jose";

/** Who is calling, as its verified token says. */
export type Principal = Readonly<{
  /** The token's `sub`: the user or service the token was issued for. */
  subject: string;
  /** The client that holds the token (`azp`, else `client_id`, else `sub`): the scope of its Idempotency-Keys. */
  clientId: string;
  /** The granted scopes (`scope`, space-separated, or `scp`, a list). */
  scopes: ReadonlySet<string>;
}>;

export function principalOf(payload: JWTPayload & { sub: string }): Principal {
  const clientId = [payload.azp, payload.client_id].find((value): value is string => typeof value === "string");
  return { subject: payload.sub, clientId: clientId ?? payload.sub, scopes: new Set(scopesOf(payload)) };
}

function scopesOf(payload: JWTPayload): string[] {
  if (typeof payload.scope === "string") return payload.scope.split(" ").filter(Boolean);
  if (Array.isArray(payload.scp)) return payload.scp.filter((scope): scope is string => typeof scope === "string");
  return [];
}
