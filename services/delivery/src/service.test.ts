import { ConfigError } from "@starter/service-kit/config";
import { describe, expect, it } from "vitest";
import { delivery } from "./service.ts";

const { readConfig } = delivery;

describe("the delivery service's configuration", () => {
  it("When only MONGODB_URI is given, then authentication is on and needs its issuer: the start fails naming what is missing", () => {
    expect(() => readConfig({ MONGODB_URI: "mongodb://127.0.0.1:27017" })).toThrow(/AUTH_JWKS_URL[\s\S]*AUTH_ISSUER/);
  });

  it("When only MONGODB_URI and AUTH_MODE=off are given, then every other setting takes its documented default", () => {
    const config = readConfig({ MONGODB_URI: "mongodb://127.0.0.1:27017", AUTH_MODE: "off" });

    expect(config).toMatchObject({ PORT: 3000, MONGODB_DB: "delivery", LOG_LEVEL: "info", BODY_LIMIT_BYTES: 65_536 });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("When several variables are bad, then one error names every one of them", () => {
    const read = () => readConfig({ PORT: "80a", MONGODB_URI: "http://x", LOG_LEVEL: "loud", BODY_LIMIT_BYTES: "" });

    expect(read).toThrow(ConfigError);
    expect(read).toThrow(/PORT[\s\S]*MONGODB_URI[\s\S]*LOG_LEVEL[\s\S]*BODY_LIMIT_BYTES/);
  });

  it("When API_VERSION_STATES retires v1, then the registry serves only v2", () => {
    const config = readConfig({
      MONGODB_URI: "mongodb://127.0.0.1:27017",
      AUTH_MODE: "off",
      API_VERSION_STATES: "1:retired",
    });

    expect(config.API_VERSION_STATES.supported).toEqual([2]);
  });

  it("When API_VERSION_STATES would put two versions in the current state, then the start fails naming it", () => {
    expect(() => readConfig({ MONGODB_URI: "mongodb://127.0.0.1:27017", API_VERSION_STATES: "1:current" })).toThrow(
      /API_VERSION_STATES: Invalid API version lifecycle: exactly one version must be current, found 2/,
    );
  });

  it("When MONGODB_URI is missing, then the error names it", () => {
    expect(() => readConfig({})).toThrow(/MONGODB_URI/);
  });
});
