import { describe, expect, it } from "vitest";
import { gateway } from "./service.ts";

const { readConfig } = gateway;

const BASE = {
  MONGODB_URI: "mongodb://127.0.0.1:27017",
  AUTH_MODE: "off",
  LEGACY_URL: "http://127.0.0.1:3001/",
  DELIVERY_URL: "http://127.0.0.1:3000",
};

describe("the gateway's configuration", () => {
  it("When only the required variables are given, then the journal keeps finished coordinations a week", () => {
    const config = readConfig(BASE);

    expect(config).toMatchObject({
      LEGACY_URL: "http://127.0.0.1:3001",
      JOURNAL_RETENTION_MS: 604_800_000,
      EXPIRY_SWEEP_INTERVAL_MS: 60_000,
      RECOVERY_SETTLE_MS: 30_000,
    });
  });

  it("When the journal's retention is under a minute or not a number, then the start fails naming it", () => {
    expect(() => readConfig({ ...BASE, JOURNAL_RETENTION_MS: "1000" })).toThrow(/JOURNAL_RETENTION_MS/);
    expect(() => readConfig({ ...BASE, JOURNAL_RETENTION_MS: "a week" })).toThrow(/JOURNAL_RETENTION_MS/);
  });

  it("When recovery could judge a coordination before its last write can have landed, then the start fails naming it", () => {
    expect(() => readConfig({ ...BASE, PARTICIPANT_TIMEOUT_MS: "5000", RECOVERY_SETTLE_MS: "15000" })).toThrow(
      /RECOVERY_SETTLE_MS: must be longer than 3 x PARTICIPANT_TIMEOUT_MS/,
    );
  });
});
