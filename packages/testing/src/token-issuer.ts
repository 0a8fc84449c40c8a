import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from "jose";

/**
 * A stand-in OAuth 2.0 issuer for tests and local development: a key pair generated at start, its JWKS
 * over HTTP, access tokens signed with it, and a token endpoint for the client-credentials grant of the
 * clients it is given (how a service gets a token of its own).
 */
export type TokenIssuer = AsyncDisposable & {
  readonly issuer: string;
  readonly audience: string;
  readonly jwksUrl: string;
  readonly tokenUrl: string;
  /** The AUTH_* variables of a service that trusts this issuer. */
  readonly env: Readonly<Record<string, string>>;
  /** How many requests its token endpoint has answered (granted or refused). */
  readonly tokenRequests: () => number;
  /**
   * A signed access token for `sub` with `scope` (space-separated) and any other claims; 5 minutes unless
   * `expiresIn` says. Claims are signed as given, whatever their type, so a test can mint a token whose
   * claims a service must refuse (a `sub` that is an object, a number, too long).
   */
  token: (
    claims?: { sub?: unknown; scope?: unknown; azp?: unknown } & Record<string, unknown>,
    options?: { expiresIn?: string },
  ) => Promise<string>;
};

export type TokenIssuerOptions = {
  audience: string;
  /** Clients that may use the client-credentials grant, by id: their secret and the scopes they are granted. */
  clients?: Readonly<Record<string, { secret: string; scope: string }>>;
  /** Where it listens (loopback); a free port unless given. */
  port?: number;
};

export async function startTokenIssuer(options: TokenIssuerOptions): Promise<TokenIssuer> {
  const { publicKey, privateKey } = await generateKeyPair("ES256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "test-key", alg: "ES256", use: "sig" };
  let base = "";
  const sign: TokenIssuer["token"] = ({ sub = "user-1", ...claims } = {}, { expiresIn = "5m" } = {}) =>
    // `sub` in the payload rather than `setSubject`, which takes only a string (the cast says the same).
    new SignJWT({ ...claims, sub } as JWTPayload)
      .setProtectedHeader({ alg: "ES256", kid: "test-key" })
      .setIssuer(`${base}/`)
      .setAudience(options.audience)
      .setIssuedAt()
      .setExpirationTime(expiresIn)
      .sign(privateKey);
  let tokenRequests = 0;
  const server = createServer((req, res) => {
    if (req.method === "POST" && req.url === "/oauth2/token") {
      tokenRequests += 1;
      grantClientCredentials(req, res, options.clients ?? {}, sign).catch(() => {
        res.statusCode = 500;
        res.end();
      });
      return;
    }
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  const issuer = `${base}/`;
  const jwksUrl = `${base}/.well-known/jwks.json`;
  const tokenUrl = `${base}/oauth2/token`;
  return {
    issuer,
    audience: options.audience,
    jwksUrl,
    tokenUrl,
    env: {
      AUTH_MODE: "jwt",
      AUTH_JWKS_URL: jwksUrl,
      AUTH_ISSUER: issuer,
      AUTH_AUDIENCE: options.audience,
      AUTH_TOKEN_URL: tokenUrl,
    },
    token: sign,
    tokenRequests: () => tokenRequests,
    [Symbol.asyncDispose]: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const TOKEN_LIFETIME_SECONDS = 300;

/** RFC 6749 4.4: the client authenticates with HTTP Basic (2.3.1) and gets a token for itself. */
async function grantClientCredentials(
  req: IncomingMessage,
  res: ServerResponse,
  clients: NonNullable<TokenIssuerOptions["clients"]>,
  sign: TokenIssuer["token"],
): Promise<void> {
  let body = "";
  for await (const chunk of req) body += chunk;
  const form = new URLSearchParams(body);
  // RFC 6749 2.3.1: id and secret form-encoded, joined by the first colon.
  const basic = Buffer.from((req.headers.authorization ?? "").replace(/^Basic /, ""), "base64").toString();
  const colon = basic.indexOf(":");
  const [id, secret] =
    colon < 0 ? [undefined, undefined] : [basic.slice(0, colon), basic.slice(colon + 1)].map(decodeURIComponent);
  const client = id === undefined ? undefined : clients[id];
  res.setHeader("content-type", "application/json");
  res.setHeader("cache-control", "no-store");
  if (form.get("grant_type") !== "client_credentials") {
    res.statusCode = 400;
    res.end(JSON.stringify({ error: "unsupported_grant_type" }));
    return;
  }
  if (!id || !client || client.secret !== secret) {
    res.statusCode = 401;
    res.end(JSON.stringify({ error: "invalid_client" }));
    return;
  }
  const accessToken = await sign(
    { sub: id, azp: id, scope: client.scope },
    { expiresIn: `${TOKEN_LIFETIME_SECONDS}s` },
  );
  res.end(
    JSON.stringify({
      access_token: accessToken,
      token_type: "Bearer",
      expires_in: TOKEN_LIFETIME_SECONDS,
      scope: client.scope,
    }),
  );
}
