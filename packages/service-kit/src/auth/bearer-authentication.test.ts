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

  it.each([
    ["sub", "an object (a query operator)", { sub: { $ne: "x" } }],
    ["sub", "a number", { sub: 42 }],
    ["sub", "a list", { sub: ["user-42"] }],
    ["sub", "empty", { sub: "" }],
    ["sub", "256 characters long", { sub: "u".repeat(256) }],
    ["sub", "carrying a control character", { sub: "user-42\nadmin" }],
    ["sub", "carrying a space", { sub: "user 42" }],
    ["sub", "outside ASCII", { sub: "usér-42" }],
    ["azp", "an object", { azp: { $gt: "" } }],
    ["azp", "carrying a control character", { azp: "notes-web\u0000" }],
    ["client_id", "a number (with no azp)", { azp: undefined, client_id: 7 }],
    ["scope", "a list where a string is expected", { scope: ["notes:write"] }],
    ["scope", "carrying a scope with a backslash", { scope: "notes:write notes\\admin" }],
    ["scope", "carrying a control character", { scope: "notes:write\tnotes:admin" }],
    ["scope", "of more than 128 scopes", { scope: Array.from({ length: 129 }, (_, i) => `s${i}`).join(" ") }],
    ["scp", "a list holding an object", { scope: undefined, scp: ["notes:write", { $ne: "x" }] }],
    ["scp", "a number", { scope: undefined, scp: 7 }],
  ])("When the token's %s claim is %s, then 401 invalid_token naming the claim", async (claim, _case, claims) => {
    await using running = await startApp(app().callback());
    const response = await put(running.url, { Authorization: `Bearer ${await token(claims)}` });
    expect(response.status).toBe(401);
    expect(response.body.type).toBe("urn:problem-type:auth.invalid_token");
    expect(response.body.detail).toBe(`the bearer token is not accepted: the token's ${claim} claim is not accepted`);
  });

  it("When the claims are at their limits (255 characters, 128 scopes, a list in scp, client_id for azp), then they are accepted as sent", async () => {
    await using running = await startApp(app().callback());
    const scopes = ["notes:write", ...Array.from({ length: 127 }, (_, i) => `s${i}`)];
    const longest = `${"u".repeat(254)}~`;
    const atLimits = await put(running.url, {
      Authorization: `Bearer ${await token({ sub: longest, azp: undefined, client_id: "c|1@x", scope: scopes.join(" ") })}`,
    });
    expect(atLimits.status).toBe(200);
    expect(atLimits.body).toEqual({ subject: longest, clientId: "c|1@x", scopes });
    const listed = await put(running.url, {
      Authorization: `Bearer ${await token({ scope: undefined, scp: ["notes:write"], azp: undefined })}`,
    });
    expect(listed.body).toEqual({ subject: "user-42", clientId: "user-42", scopes: ["notes:write"] });
    // Entra ID sends `scp` space-separated, as `scope` is.
    const spaced = await put(running.url, {
      Authorization: `Bearer ${await token({ scope: undefined, scp: "notes:read notes:write" })}`,
    });
    expect(spaced.body).toMatchObject({ scopes: ["notes:read", "notes:write"] });
  });

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
