import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, etagOf, versionFromEtag } from "./delivery.dto.ts";

describe("the version 2 DTO mapping", () => {
  it("When an ETag is issued for a major's representation, then its version reads back only for that one", () => {
    expect(versionFromEtag(2, "delivery", etagOf(2, "delivery", 7))).toBe(7);
    expect(versionFromEtag(2, "dropoff", etagOf(2, "delivery", 7))).toBeUndefined();
    expect(versionFromEtag(1, "delivery", etagOf(2, "delivery", 7))).toBeUndefined();
    expect(versionFromEtag(2, "delivery", '"something-else"')).toBeUndefined();
  });

  it("When a cursor is issued, then it decodes to the id it was made from; anything else is a 400", () => {
    expect(decodeCursor(encodeCursor("d-42"))).toBe("d-42");
    expect(() => decodeCursor("not-a-cursor")).toThrow(/cursor/);
    expect(() => decodeCursor(Buffer.from('{"after":5}').toString("base64url"))).toThrow(/cursor/);
  });
});
