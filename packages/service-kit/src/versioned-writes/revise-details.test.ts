import { describe, expect, it } from "vitest";
import { reviseDetails } from "./revise-details.ts";

const stored = {
  id: "n-1",
  version: 3,
  title: "First",
  tags: ["a"],
  due: new Date("2030-01-01T00:00:00Z"),
  archived: false,
};

describe("reviseDetails", () => {
  it("When every stated detail is as stored (nested values and dates compared by value), then nothing changes", () => {
    const revision = reviseDetails(stored, { title: "First", tags: ["a"], due: new Date("2030-01-01T00:00:00Z") });

    expect(revision).toEqual({ value: stored, changed: false });
  });

  it.each([
    ["title", "Second"],
    ["tags", ["a", "b"]],
    ["due", new Date("2030-01-02T00:00:00Z")],
  ])("When only %s differs, then it is the next version with that detail, the rest kept", (name, value) => {
    const details = { title: "First", tags: ["a"], due: new Date("2030-01-01T00:00:00Z"), [name]: value };

    const revision = reviseDetails(stored, details);

    expect(revision.changed).toBe(true);
    expect(revision.value).toEqual({ ...stored, [name]: value, version: 4 });
  });
});
