import { randomBytes } from "node:crypto";
import { startTokenIssuer, type TokenIssuer } from "@starter/testing";

/** The scope of `GET /api-usage` (the kit's API_USAGE_SCOPE). */
const API_USAGE_SCOPE = "api-usage:read";

/** One audience for every local service: the tokens printed work on each of them. */
const AUDIENCE = "starter-local";
/** What a local token is good for: a working day. */
const TOKEN_LIFETIME = "12h";
const GATEWAY_CLIENT = "gateway";

export type LocalIssuer = AsyncDisposable & {
  /** The variables of a service that trusts the issuer (the gateway also gets its client). */
  envFor: (service: string) => Record<string, string>;
  /** A token per role, with the scopes the services' documents declare. */
  tokensFor: (serviceUrls: readonly string[]) => Promise<Record<"reader" | "writer" | "admin", string>>;
};

/**
 * The local identity provider of `tools/dev`: keys made at start (so tokens end with the run), a JWKS every
 * service checks tokens against, and the gateway's own client for the client-credentials grant.
 */
export async function startLocalIssuer(): Promise<LocalIssuer> {
  const gatewaySecret = randomBytes(16).toString("hex");
  const issuer: TokenIssuer = await startTokenIssuer({
    audience: AUDIENCE,
    clients: {
      [GATEWAY_CLIENT]: { secret: gatewaySecret, scope: "deliveries:read deliveries:write deliveries:admin" },
    },
  });
  return {
    envFor: (service) => ({
      ...issuer.env,
      ...(service === "gateway" && { AUTH_CLIENT_ID: GATEWAY_CLIENT, AUTH_CLIENT_SECRET: gatewaySecret }),
    }),
    tokensFor: async (serviceUrls) => {
      const scopes = [...new Set((await Promise.all(serviceUrls.map(declaredScopes))).flat())].sort();
      const token = (sub: string, granted: string[]) =>
        issuer.token({ sub, scope: granted.join(" ") }, { expiresIn: TOKEN_LIFETIME });
      return {
        reader: await token(
          "dev-reader",
          scopes.filter((scope) => scope.endsWith(":read")),
        ),
        writer: await token(
          "dev-writer",
          scopes.filter((scope) => !scope.endsWith(":admin")),
        ),
        // The operator's report of who calls which major is outside the API documents: granted here by name.
        admin: await token("dev-admin", [...scopes, API_USAGE_SCOPE]),
      };
    },
    [Symbol.asyncDispose]: () => issuer[Symbol.asyncDispose](),
  };
}

/** The scopes a service's documents list (every major it serves), from its OAuth 2.0 security scheme. */
async function declaredScopes(serviceUrl: string): Promise<string[]> {
  const scopes: string[] = [];
  for (const major of [1, 2, 3]) {
    const response = await fetch(`${serviceUrl}/v${major}/openapi.json`);
    if (!response.ok) continue;
    const document = (await response.json()) as {
      components?: { securitySchemes?: Record<string, { flows?: Record<string, { scopes?: object }> }> };
    };
    for (const scheme of Object.values(document.components?.securitySchemes ?? {})) {
      for (const flow of Object.values(scheme.flows ?? {})) scopes.push(...Object.keys(flow.scopes ?? {}));
    }
  }
  return scopes;
}
