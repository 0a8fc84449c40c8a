import { createServer, type Server } from "node:http";
import { http, startApp } from "@starter/testing";
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { testAppOptions } from "../../test/app-options.ts";
import { defineRoute } from "../http/routes/route.ts";
import { createServiceApp } from "../http/service-app.ts";
import { publicPathMatcher } from "./auth-config.ts";
import { jwksTokenVerifier } from "./token-verifier.ts";

const ISSUER = "https://issuer.test";
const AUDIENCE = "notes-api";

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
let otherKey: CryptoKey;
let jwks: Server;
let jwksUrl = "";
let jwksFetches = 0;
let servedKeys: JWK[] = [];

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

/** A token as the issuer would sign it, with what a test changes. */
function token(
  claims: Record<string, unknown> = {},
  options: { key?: CryptoKey; kid?: string; expiresIn?: string; issuer?: string; audience?: string } = {},
) {
  return new SignJWT({ scope: "notes:read notes:write", azp: "notes-web", ...claims })
    .setProtectedHeader({ alg: "ES256", kid: options.kid ?? "key-1" })
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? AUDIENCE)
    .setSubject("user-42")
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? "5m")
    .sign(options.key ?? signingKey);
}

/** The app, trusting the key set at `keysUrl` (the test issuer's unless a test points elsewhere). */
function app(keysUrl = jwksUrl) {
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

const put = (url: string, headers: Record<string, string> = {}) =>
  http(`${url}/v1/notes/n-1`, { method: "PUT", json: { text: "hi" }, headers });

describe("bearer authentication (OAuth 2.0 JWTs against the issuer's JWKS)", () => {
  it("When the token is valid, then the request is served and knows its caller: subject, client, scopes", async () => {
    await using running = await startApp(app().callback());
    const response = await put(running.url, { Authorization: `Bearer ${await token()}` });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ subject: "user-42", clientId: "notes-web", scopes: ["notes:read", "notes:write"] });
  });

  it("When the token lacks a scope the route requires, then 403 problem+json naming the scope; with it, 200", async () => {
    await using running = await startApp(app().callback());
    const readOnly = await put(running.url, { Authorization: `Bearer ${await token({ scope: "notes:read" })}` });
    expect(readOnly.status).toBe(403);
    expect(readOnly.headers.get("www-authenticate")).toBe('Bearer error="insufficient_scope", scope="notes:write"');
    expect(readOnly.body).toMatchObject({ type: "urn:problem-type:auth.insufficient_scope", status: 403 });
    expect((await put(running.url, { Authorization: `Bearer ${await token({ scope: "notes:write" })}` })).status).toBe(
      200,
    );
  });

  it("When the service does not authenticate, then a route's scopes ask nothing of the caller", async () => {
    await using running = await startApp(createServiceApp(testAppOptions([whoAmI])).callback());
    expect((await put(running.url)).status).toBe(200);
  });

  it("When there is no token, or another scheme, then 401 problem+json with a Bearer challenge and no error code", async () => {
    await using running = await startApp(app().callback());
    for (const headers of [{}, { Authorization: "Basic dXNlcjpwYXNz" }]) {
      const response = await put(running.url, headers);
      expect(response.status).toBe(401);
      expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(response.headers.get("www-authenticate")).toBe('Bearer realm="notes"');
      expect(response.body.type).toBe("urn:problem-type:auth.unauthenticated");
    }
    // Refused before its body was read, the connection still serves the next request (keep-alive).
    expect((await put(running.url, { Authorization: `Bearer ${await token()}` })).status).toBe(200);
  });

  it.each([
    ["signed by a key the issuer does not publish", async () => token({}, { key: otherKey }), /signature is not valid/],
    ["signed with an unknown key id", async () => token({}, { kid: "key-9" }), /unknown key/],
    ["expired beyond the allowed skew", async () => token({}, { expiresIn: "-2m" }), /has expired/],
    ["not valid before a minute from now", async () => token({ nbf: Math.floor(Date.now() / 1000) + 60 }), /nbf claim/],
    ["for another audience", async () => token({}, { audience: "billing-api" }), /aud claim/],
    ["from another issuer", async () => token({}, { issuer: "https://evil.test" }), /iss claim/],
    [
      "unsigned (alg none)",
      async () => `${b64({ alg: "none" })}.${b64({ sub: "user-42", iss: ISSUER, aud: AUDIENCE })}.`,
      /algorithm|malformed/,
    ],
    ["signed with a shared secret (HS256)", async () => hs256(), /algorithm/],
    ["not a JWT at all", async () => "not.a.jwt", /malformed/],
  ])(
    "When the token is %s, then 401 invalid_token, and nothing of the token is echoed",
    async (_case, make, reason) => {
      await using running = await startApp(app().callback());
      const sent = await make();
      const response = await put(running.url, { Authorization: `Bearer ${sent}` });
      expect(response.status).toBe(401);
      const challenge = response.headers.get("www-authenticate") ?? "";
      expect(challenge).toMatch(/^Bearer realm="notes", error="invalid_token", error_description="[^"]+"$/);
      expect(response.body.type).toBe("urn:problem-type:auth.invalid_token");
      expect(response.body.detail).toMatch(reason);
      const answer = JSON.stringify(response.body) + challenge;
      expect(answer).not.toContain(sent);
      for (const part of sent.split(".").filter((segment) => segment.length > 8)) expect(answer).not.toContain(part);
    },
  );

  it("When the token is expired by less than the allowed clock skew, then it is still accepted", async () => {
    await using running = await startApp(app().callback());
    expect((await put(running.url, { Authorization: `Bearer ${await token({}, { expiresIn: "-10s" })}` })).status).toBe(
      200,
    );
  });

  it("When health and metrics are asked without a token, then they answer", async () => {
    await using running = await startApp(app().callback());
    expect((await http(`${running.url}/livez`)).status).toBe(200);
    expect((await http(`${running.url}/readyz`)).status).toBe(200);
    expect((await http(`${running.url}/metrics`)).status).toBe(200);
  });

  it("When many requests arrive, then the issuer's keys are fetched once and kept", async () => {
    await using running = await startApp(app().callback());
    const before = jwksFetches;
    const authorization = `Bearer ${await token()}`;
    for (let i = 0; i < 20; i++) expect((await put(running.url, { Authorization: authorization })).status).toBe(200);
    expect(jwksFetches - before).toBe(1);
  });

  it("When the issuer answers its key set with an error, then 503 with Retry-After, not a 401", async () => {
    const failing = createServer((_req, res) => {
      res.statusCode = 500;
      res.end("down");
    });
    await new Promise<void>((resolve) => failing.listen(0, "127.0.0.1", resolve));
    const address = failing.address();
    const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/jwks.json`;
    try {
      await using running = await startApp(app(url).callback());
      const response = await put(running.url, { Authorization: `Bearer ${await token()}` });
      expect([response.status, response.headers.get("retry-after")]).toEqual([503, "5"]);
    } finally {
      failing.close();
    }
  });

  it("When the issuer's keys cannot be fetched, then 503 with Retry-After: no token is blamed", async () => {
    await using running = await startApp(app("http://127.0.0.1:9/jwks.json").callback());
    const response = await put(running.url, { Authorization: `Bearer ${await token()}` });
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
  });
});

function b64(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

function hs256(): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: "HS256", kid: "key-1" })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject("user-42")
    .setExpirationTime("5m")
    .sign(new TextEncoder().encode("a-shared-secret-of-enough-length-000000"));
}
