import { startTokenIssuer } from "@starter/testing";
import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { clientCredentialsToken } from "./client-credentials.ts";

describe("the service's own token (OAuth 2.0 client credentials)", () => {
  it("When asked twice, then one token is granted for the client with its scopes, and reused", async () => {
    await using issuer = await startTokenIssuer({
      audience: "notes-api",
      clients: { gateway: { secret: "s3cret", scope: "notes:read notes:admin" } },
    });
    const token = clientCredentialsToken({
      ...issuer,
      clientId: "gateway",
      clientSecret: "s3cret",
      scope: "notes:read notes:admin",
    });

    const [first, second] = await Promise.all([token(), token()]);
    expect(first).toBe(second);
    expect(await token()).toBe(first);
    const claims = decodeJwt(first.replace(/^Bearer /, ""));
    expect(claims).toMatchObject({ sub: "gateway", azp: "gateway", scope: "notes:read notes:admin" });
  });

  it("When the secret is wrong, then the grant fails (and nothing is cached: the next call asks again)", async () => {
    await using issuer = await startTokenIssuer({
      audience: "notes-api",
      clients: { gateway: { secret: "s3cret", scope: "notes:read" } },
    });
    const token = clientCredentialsToken({
      ...issuer,
      clientId: "gateway",
      clientSecret: "wrong",
      scope: "notes:read",
    });

    await expect(token()).rejects.toThrow();
    await expect(token()).rejects.toThrow();
  });
});
