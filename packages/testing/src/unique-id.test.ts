import { describe, expect, it } from "vitest";
import { uniqueId } from "./unique-id.ts";

describe("uniqueId", () => {
  it("When ids are made in a burst, then none repeats and each fits the contract's id rule", () => {
    const ids = Array.from({ length: 1_000 }, () => uniqueId("d"));

    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^[A-Za-z0-9._~-]{1,64}$/.test(id))).toBe(true);
  });
});
