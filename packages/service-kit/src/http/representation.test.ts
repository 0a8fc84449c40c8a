import { describe, expect, it } from "vitest";
import { etagOf, versionFromEtag } from "./representation.ts";

describe("ETags of versioned representations", () => {
  it("When an ETag is issued for a representation, then its version reads back only for that one", () => {
    expect(etagOf("v2-delivery", 7)).toBe('"v2-delivery-7"');
    expect(versionFromEtag("v2-delivery", etagOf("v2-delivery", 7))).toBe(7);
    expect(versionFromEtag("v2-dropoff", etagOf("v2-delivery", 7))).toBeUndefined();
    expect(versionFromEtag("v1-delivery", etagOf("v2-delivery", 7))).toBeUndefined();
    expect(versionFromEtag("v2-delivery", '"v2-delivery-x"')).toBeUndefined();
    expect(versionFromEtag("v2-delivery", '"v2-delivery-1234567890123456"')).toBeUndefined();
  });
});
