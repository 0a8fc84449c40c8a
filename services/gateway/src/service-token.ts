import { clientCredentialsToken } from "@starter/service-kit/auth";
import type { Config } from "./config.ts";

/**
 * The gateway's own `Authorization` for what it does on nobody's behalf (recovery, reconciliation, the
 * periodic comparison), from its OAuth 2.0 client; none when the services do not authenticate.
 */
export function serviceAuthorizationOf(config: Config): (() => Promise<string>) | undefined {
  const { AUTH_MODE, AUTH_ISSUER, AUTH_CLIENT_ID, AUTH_CLIENT_SECRET } = config;
  if (AUTH_MODE === "off") return undefined;
  // The configuration's rules refused jwt without these; this only tells the type checker.
  if (!AUTH_ISSUER || !AUTH_CLIENT_ID || !AUTH_CLIENT_SECRET)
    throw new Error("AUTH_MODE=jwt needs the gateway's client");
  return clientCredentialsToken({
    issuer: AUTH_ISSUER,
    tokenUrl: config.AUTH_TOKEN_URL,
    clientId: AUTH_CLIENT_ID,
    clientSecret: AUTH_CLIENT_SECRET,
    scope: config.AUTH_CLIENT_SCOPE,
  });
}
