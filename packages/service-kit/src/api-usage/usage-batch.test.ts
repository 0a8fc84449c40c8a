import { describe, expect, it } from "vitest";
import { UsageBatch } from "./usage-batch.ts";

const at = (instant: string) => new Date(instant);

describe("the usage batch between two writes", () => {
  it("When a client calls a major several times a day, then one entry adds them up, with the first and last call", () => {
    const batch = new UsageBatch(10);
    batch.record("app", 1, at("2027-01-05T10:00:00Z"));
    batch.record("app", 1, at("2027-01-05T09:00:00Z"));
    batch.record("app", 1, at("2027-01-05T11:00:00Z"));
    batch.record("app", 1, at("2027-01-06T00:00:01Z"));
    batch.record("other", 1, at("2027-01-05T10:00:00Z"));

    expect(batch.take()).toEqual([
      {
        client: "app",
        major: 1,
        day: "2027-01-05",
        requests: 3,
        firstSeen: at("2027-01-05T09:00:00Z"),
        lastSeen: at("2027-01-05T11:00:00Z"),
      },
      {
        client: "app",
        major: 1,
        day: "2027-01-06",
        requests: 1,
        firstSeen: at("2027-01-06T00:00:01Z"),
        lastSeen: at("2027-01-06T00:00:01Z"),
      },
      {
        client: "other",
        major: 1,
        day: "2027-01-05",
        requests: 1,
        firstSeen: at("2027-01-05T10:00:00Z"),
        lastSeen: at("2027-01-05T10:00:00Z"),
      },
    ]);
    expect(batch.size).toBe(0);
  });

  it("When the batch is full, then a new client is not counted (and says so) while known ones still are", () => {
    const batch = new UsageBatch(2);

    expect(batch.record("a", 1, at("2027-01-05T10:00:00Z"))).toBe(true);
    expect(batch.record("b", 1, at("2027-01-05T10:00:00Z"))).toBe(true);
    expect(batch.record("c", 1, at("2027-01-05T10:00:00Z"))).toBe(false);
    expect(batch.record("a", 1, at("2027-01-05T10:01:00Z"))).toBe(true);
    expect(batch.take().map(({ client, requests }) => ({ client, requests }))).toEqual([
      { client: "a", requests: 2 },
      { client: "b", requests: 1 },
    ]);
  });

  it("When a write failed, then its counts are put back beside the calls counted meanwhile, as far as the bound allows", () => {
    const batch = new UsageBatch(2);
    batch.record("a", 1, at("2027-01-05T10:00:00Z"));
    batch.record("b", 1, at("2027-01-05T10:00:00Z"));
    const failed = batch.take();
    batch.record("a", 1, at("2027-01-05T10:05:00Z"));
    batch.record("c", 1, at("2027-01-05T10:05:00Z"));

    expect(batch.restore(failed)).toBe(1);
    expect(batch.take().map(({ client, requests }) => ({ client, requests }))).toEqual([
      { client: "a", requests: 2 },
      { client: "c", requests: 1 },
    ]);
  });
});
