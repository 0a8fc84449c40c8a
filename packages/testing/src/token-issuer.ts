import { createServer } from "node:http";
import { exportJWK, generateKeyPair, SignJWT } from "jose";

/** A stand-in OAuth 2.0 issuer for tests: a real key pair, its JWKS over HTTP, tokens signed with it. */
export type TokenIssuer = AsyncDisposable & {
  readonly issuer: string;
  readonly audience: string;
  readonly jwksUrl: string;
  /** The AUTH_* variables of a service that trusts this issuer. */
  readonly env: Readonly<Record<string, string>>;
  /** A signed access token for `subject` with `scope` (space-separated) and any other claims. */
  token: (claims?: { sub?: string; scope?: string; azp?: string } & Record<string, unknown>) => Promise<string>;
};

export async function startTokenIssuer(options: { audience: string }): Promise<TokenIssuer> {
  const { publicKey, privateKey } = await generateKeyPair("ES256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "test-key", alg: "ES256", use: "sig" };
  const server = createServer((_req, res) => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  const issuer = `${base}/`;
  const jwksUrl = `${base}/.well-known/jwks.json`;
  return {
    issuer,
    audience: options.audience,
    jwksUrl,
    env: { AUTH_MODE: "jwt", AUTH_JWKS_URL: jwksUrl, AUTH_ISSUER: issuer, AUTH_AUDIENCE: options.audience },
    token: ({ sub = "user-1", ...claims } = {}) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: "ES256", kid: "test-key" })
        .setIssuer(issuer)
        .setAudience(options.audience)
        .setSubject(sub)
        .setIssuedAt()
        .setExpirationTime("5m")
        .sign(privateKey),
    [Symbol.asyncDispose]: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
