import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ConfigError, loadConfig, serviceConfigRules, serviceConfigShape } from "../config/index.ts";
import { publicPathMatcher } from "./auth-config.ts";

const schema = z.object(serviceConfigShape({ port: 3000, dbName: "notes" })).superRefine(serviceConfigRules);
const base = { MONGODB_URI: "mongodb://127.0.0.1:27017" };

describe("authentication settings (AUTH_*)", () => {
  it("When AUTH_MODE is not set, then it is jwt: without the issuer, its keys or the audience the start fails naming each", () => {
    for (const env of [base, { ...base, AUTH_MODE: "jwt" }]) {
      expect(() => loadConfig(schema, env)).toThrow(ConfigError);
      expect(() => loadConfig(schema, env)).toThrow(
        /AUTH_JWKS_URL: required when AUTH_MODE=jwt[\s\S]*AUTH_ISSUER[\s\S]*AUTH_AUDIENCE/,
      );
    }
    expect(loadConfig(schema, { ...base, AUTH_MODE: "off" }).AUTH_MODE).toBe("off");
  });

  it("When an algorithm is a shared secret's or none, then the start fails", () => {
    for (const algorithms of ["HS256", "none", "RS256,HS512"]) {
      expect(() => loadConfig(schema, { ...base, AUTH_ALGORITHMS: algorithms })).toThrow(/AUTH_ALGORITHMS/);
    }
    expect(loadConfig(schema, { ...base, AUTH_MODE: "off", AUTH_ALGORITHMS: "RS256, ES256" }).AUTH_ALGORITHMS).toEqual([
      "RS256",
      "ES256",
    ]);
  });

  it("When public paths are given, then a path or anything below it is public, and * is one segment", () => {
    const isPublic = publicPathMatcher(["/livez", "/docs", "/v*/openapi.json"]);
    expect(["/livez", "/docs", "/docs/v2", "/v1/openapi.json", "/v2/openapi.json"].map(isPublic)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(["/livezz", "/v2/deliveries", "/v2/x/openapi.json", "/", "/documents"].map(isPublic)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
