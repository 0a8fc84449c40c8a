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

  it("When API_VERSION_STATES retires v1, then the registry serves only v2 and the preview v3", () => {
    const config = readConfig({
      MONGODB_URI: "mongodb://127.0.0.1:27017",
      AUTH_MODE: "off",
      API_VERSION_STATES: "1:retired",
    });

    expect(config.apiVersions.supported).toEqual([2, 3]);
  });

  it("When API_VERSION_STATES would put two versions in the current state, then the start fails naming it", () => {
    expect(() => readConfig({ MONGODB_URI: "mongodb://127.0.0.1:27017", API_VERSION_STATES: "1:current" })).toThrow(
      /API_VERSION_STATES: Invalid API version lifecycle: exactly one version must be current, found 2/,
    );
  });

  it("When the minimum lifetime is longer than v1's announced deprecation, then the start fails naming the rule", () => {
    expect(() => readConfig({ MONGODB_URI: "mongodb://127.0.0.1:27017", API_MIN_DEPRECATION_DAYS: "365" })).toThrow(
      /the declared API versions: Invalid API version lifecycle: version 1 is announced with its sunset 181 days after its deprecation; the minimum lifetime is 365 days \(API_MIN_DEPRECATION_DAYS\)/,
    );
  });

  it("When API_BROWNOUTS names a window outside v1's deprecation, then the start fails naming the variable", () => {
    expect(() =>
      readConfig({
        MONGODB_URI: "mongodb://127.0.0.1:27017",
        API_BROWNOUTS: "1:2027-04-01T00:00:00Z/2027-04-02T00:00:00Z",
      }),
    ).toThrow(
      /API_BROWNOUTS: Invalid API version lifecycle: version 1's brownout .* is not between its deprecation and its sunset/,
    );
  });

  it("When MONGODB_URI is missing, then the error names it", () => {
    expect(() => readConfig({})).toThrow(/MONGODB_URI/);
  });
});
