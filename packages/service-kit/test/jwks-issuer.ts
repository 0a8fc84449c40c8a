import { createServer, type Server } from "node:http";
import { http } from "@starter/testing";
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import { afterAll, beforeAll } from "vitest";
import { z } from "zod";
import { publicPathMatcher } from "../src/auth/auth-config.ts";
import { jwksTokenVerifier } from "../src/auth/token-verifier.ts";
import { defineRoute } from "../src/http/routes/route.ts";
import { createServiceApp } from "../src/http/service-app.ts";
import { testAppOptions } from "./app-options.ts";

/**
 * A test issuer for the bearer-authentication tests: an ES256 key pair whose public key a loopback JWKS
 * endpoint serves (counting its fetches), tokens signed as the issuer would, and an app with one route that
 * answers who called it.
 */
export const ISSUER = "https://issuer.test";
export const AUDIENCE = "notes-api";

/** A route that answers who called it. */
const whoAmI = defineRoute({
  operationId: "putNote",
  method: "put",
  path: "/v1/notes/{id}",
  params: z.object({ id: z.string() }),
  body: { schema: z.object({ text: z.string() }), example: { text: "hi" } },
  summary: "Who is calling",
  scopes: ["notes:write"],
  description: "A test route.",
  responses: { "200": { description: "The caller." } },
  handle: (ctx) => {
    const principal = ctx.state.principal;
    ctx.body = { subject: principal?.subject, clientId: principal?.clientId, scopes: [...(principal?.scopes ?? [])] };
  },
});

let signingKey: CryptoKey;
/** A key the issuer does not publish. */
export let otherKey: CryptoKey;
let jwks: Server;
let jwksUrl = "";
/** How often the key set was fetched. */
export let jwksFetches = 0;
let servedKeys: JWK[] = [];

/** Starts the issuer before the file's first test and stops it after its last. */
export function useJwksIssuer(): void {
  beforeAll(async () => {
    const pair = await generateKeyPair("ES256");
    signingKey = pair.privateKey;
    otherKey = (await generateKeyPair("ES256")).privateKey;
    servedKeys = [{ ...(await exportJWK(pair.publicKey)), kid: "key-1", alg: "ES256", use: "sig" }];
    jwks = createServer((_req, res) => {
      jwksFetches++;
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ keys: servedKeys }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, "127.0.0.1", resolve));
    const address = jwks.address();
    jwksUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/jwks.json`;
  });
  afterAll(() => {
    jwks.close();
  });
}

/** A token as the issuer would sign it, with what a test changes. */
export function token(
  claims: Record<string, unknown> = {},
  options: { key?: CryptoKey; kid?: string; expiresIn?: string; issuer?: string; audience?: string } = {},
) {
  // `sub` in the payload (not `setSubject`, which takes only a string), so a test can sign any value.
  return new SignJWT({ sub: "user-42", scope: "notes:read notes:write", azp: "notes-web", ...claims })
    .setProtectedHeader({ alg: "ES256", kid: options.kid ?? "key-1" })
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? "5m")
    .sign(options.key ?? signingKey);
}

/** The app, trusting the key set at `keysUrl` (the test issuer's unless a test points elsewhere). */
/** The app without authentication: a route's scopes ask nothing of its caller. */
export function appWithoutAuthentication() {
  return createServiceApp(testAppOptions([whoAmI]));
}

export function app(keysUrl = jwksUrl) {
  const verify = jwksTokenVerifier({
    jwksUrl: keysUrl,
    issuer: ISSUER,
    audience: AUDIENCE,
    algorithms: ["ES256"],
    clockToleranceSeconds: 30,
  });
  return createServiceApp(
    testAppOptions([whoAmI], {
      auth: { realm: "notes", verify, isPublic: publicPathMatcher(["/livez", "/readyz", "/metrics"]) },
    }),
  );
}

export const put = (url: string, headers: Record<string, string> = {}) =>
  http(`${url}/v1/notes/n-1`, { method: "PUT", json: { text: "hi" }, headers });

export function b64(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

export function hs256(): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: "HS256", kid: "key-1" })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject("user-42")
    .setExpirationTime("5m")
    .sign(new TextEncoder().encode("a-shared-secret-of-enough-length-000000"));
}
