import { describe, expect, it } from "vitest";
import { EVERYTHING } from "../access/index.ts";
import { ownedFilter } from "./page.ts";

type Filter = Readonly<{ ownerId?: string; status?: string }>;

describe("ownedFilter", () => {
  const mine = { everything: false, ownerId: "u-1" } as const;
  const filter = (value: Filter): Filter => value;

  it("When the caller may see everything, then its filter is used as it is", () => {
    expect(ownedFilter(filter({ status: "created" }), EVERYTHING)).toEqual({ status: "created" });
    expect(ownedFilter({ ownerId: "u-2" }, EVERYTHING)).toEqual({ ownerId: "u-2" });
  });

  it("When the caller may see its own only, then its owner is added to the filter, or kept when it named itself", () => {
    expect(ownedFilter(filter({ status: "created" }), mine)).toEqual({ status: "created", ownerId: "u-1" });
    expect(ownedFilter({ ownerId: "u-1" }, mine)).toEqual({ ownerId: "u-1" });
  });

  it("When the caller names another owner, then nothing is to be listed (undefined, an empty page)", () => {
    expect(ownedFilter(filter({ ownerId: "u-2", status: "created" }), mine)).toBeUndefined();
  });
});
