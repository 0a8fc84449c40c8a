import { createServer } from "node:http";
import { http, startApp } from "@starter/testing";
import { describe, expect, it } from "vitest";
import { app, jwksFetches, put, token, useJwksIssuer } from "../../test/jwks-issuer.ts";

useJwksIssuer();

describe("bearer authentication: claims at their limits, clock skew, public paths, the issuer's keys", () => {
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
