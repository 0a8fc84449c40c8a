import { describe, expect, it } from "vitest";
import { sideFor } from "./read-split.ts";

const ids = Array.from({ length: 20_000 }, (_, i) => `d-${i}`);

describe("the read split", () => {
  it("When 25% of reads go to the new side, then a large sample of ids splits within a point of 25%", () => {
    const toNew = ids.filter((id) => sideFor(id, { newPercent: 25, onlyFrom: "none" }) === "new").length;

    expect(Math.abs(toNew / ids.length - 0.25)).toBeLessThan(0.01);
  });

  it("When the same id is read again, then it goes to the same side; raising the share only moves ids to the new side", () => {
    for (const id of ids.slice(0, 2_000)) {
      const at25 = sideFor(id, { newPercent: 25, onlyFrom: "none" });
      expect(sideFor(id, { newPercent: 25, onlyFrom: "none" })).toBe(at25);
      if (at25 === "new") expect(sideFor(id, { newPercent: 60, onlyFrom: "none" })).toBe("new");
    }
  });

  it("When the kill switch names a side, then every read goes there; 0% and 100% are all-legacy and all-new", () => {
    expect(ids.slice(0, 500).every((id) => sideFor(id, { newPercent: 100, onlyFrom: "legacy" }) === "legacy")).toBe(
      true,
    );
    expect(ids.slice(0, 500).every((id) => sideFor(id, { newPercent: 0, onlyFrom: "none" }) === "legacy")).toBe(true);
    expect(ids.slice(0, 500).every((id) => sideFor(id, { newPercent: 100, onlyFrom: "none" }) === "new")).toBe(true);
  });
});
