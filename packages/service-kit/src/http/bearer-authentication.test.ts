import { startApp } from "@starter/testing";
import { describe, expect, it } from "vitest";
import {
  AUDIENCE,
  app,
  appWithoutAuthentication,
  b64,
  hs256,
  ISSUER,
  otherKey,
  put,
  token,
  useJwksIssuer,
} from "../../test/jwks-issuer.ts";

useJwksIssuer();

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
    await using running = await startApp(appWithoutAuthentication().callback());
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
});
