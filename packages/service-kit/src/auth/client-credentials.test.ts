import { startTokenIssuer } from "@starter/testing";
import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { clientCredentialsToken } from "./client-credentials.ts";

const SCOPE = "notes:read notes:admin";

/** An issuer that knows the client `gateway` (secret "s3cret"), and the token source of a client sending `secret`. */
async function issuerAndToken(secret: string) {
  const issuer = await startTokenIssuer({
    audience: "notes-api",
    clients: { gateway: { secret: "s3cret", scope: SCOPE } },
  });
  const token = clientCredentialsToken({ ...issuer, clientId: "gateway", clientSecret: secret, scope: SCOPE });
  return { issuer, token };
}

describe("the service's own token (OAuth 2.0 client credentials)", () => {
  it("When asked three times, two of them at once, then one token is granted for the client with its scopes, and reused", async () => {
    const { issuer, token } = await issuerAndToken("s3cret");
    await using _ = issuer;

    const [first, second] = await Promise.all([token(), token()]);
    expect(second).toBe(first);
    expect(await token()).toBe(first);
    expect(issuer.tokenRequests()).toBe(1);
    const claims = decodeJwt(first.replace(/^Bearer /, ""));
    expect(claims).toMatchObject({ sub: "gateway", azp: "gateway", scope: SCOPE });
  });

  it("When the secret is wrong, then the grant fails, and the failure is not kept: the next call asks again", async () => {
    const { issuer, token } = await issuerAndToken("wrong");
    await using _ = issuer;

    await expect(token()).rejects.toThrow();
    await expect(token()).rejects.toThrow();
    expect(issuer.tokenRequests()).toBe(2);
  });
});
