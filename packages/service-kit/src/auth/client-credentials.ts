import * as oauth from "oauth4webapi";

export type ClientCredentials = Readonly<{
  /** The issuer (`iss` of its tokens) and its token endpoint. */
  issuer: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** The scopes asked for, space-separated. */
  scope: string;
}>;

/** An issuer that does not answer within this is a failed request (the next call asks again). */
const REQUEST_TIMEOUT_MS = 10_000;
/** A token is asked for again this long before it expires, so none is sent about to expire. */
const REFRESH_MARGIN_MS = 30_000;

/**
 * The service's own access token (OAuth 2.0 client credentials, RFC 6749 4.4, with HTTP Basic client
 * authentication), for calls it makes on nobody's behalf: fetched when first needed and again shortly
 * before it expires; concurrent callers share one request; a failed request is tried again by the next
 * call. Gives the `Authorization` header's value.
 */
export function clientCredentialsToken(credentials: ClientCredentials): () => Promise<string> {
  const server: oauth.AuthorizationServer = { issuer: credentials.issuer, token_endpoint: credentials.tokenUrl };
  const client: oauth.Client = { client_id: credentials.clientId };
  const authentication = oauth.ClientSecretBasic(credentials.clientSecret);
  // Plain HTTP only for an issuer on this machine (local development, tests).
  const insecure = new URL(credentials.tokenUrl).protocol === "http:";
  const request = async () => {
    const response = await oauth.clientCredentialsGrantRequest(
      server,
      client,
      authentication,
      { scope: credentials.scope },
      { [oauth.allowInsecureRequests]: insecure, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) },
    );
    const granted = await oauth.processClientCredentialsResponse(server, client, response);
    const lifetimeMs = (granted.expires_in ?? 300) * 1_000;
    return {
      header: `Bearer ${granted.access_token}`,
      refreshAt: Date.now() + lifetimeMs - Math.min(REFRESH_MARGIN_MS, lifetimeMs / 2),
    };
  };
  let current: { header: string; refreshAt: number } | undefined;
  let pending: Promise<{ header: string; refreshAt: number }> | undefined;
  return async () => {
    if (current && Date.now() < current.refreshAt) return current.header;
    pending ??= request()
      .then((token) => {
        current = token;
        return token;
      })
      .finally(() => {
        pending = undefined;
      });
    return (await pending).header;
  };
}
