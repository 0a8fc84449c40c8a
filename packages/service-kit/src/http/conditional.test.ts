import { describe, expect, it } from "vitest";
import { conditionMatches, isNotModified, parseIfMatch, parseIfNoneMatch } from "./conditional.ts";

describe("entity-tag conditions (RFC 9110 §13.1)", () => {
  it("When If-Match lists tags, then strong tags are kept and weak ones dropped (strong comparison)", () => {
    expect(parseIfMatch('"a", W/"b" ,"c"')).toEqual({ kind: "tags", tags: ['"a"', '"c"'] });
  });

  it("When If-None-Match lists tags, then weak tags compare equal to strong ones (weak comparison)", () => {
    expect(parseIfNoneMatch('W/"a", "b"')).toEqual({ kind: "tags", tags: ['"a"', '"b"'] });
  });

  it("When the header is * or absent, then it is any or undefined", () => {
    expect(parseIfMatch("*")).toEqual({ kind: "any" });
    expect(parseIfMatch(undefined)).toBeUndefined();
  });

  it.each(["", "a", '"a', '"a" "b"', '"a",', "W/a"])(
    "When the header is malformed ('%s', empty included), then it is a 400",
    (header) => {
      expect(() => parseIfMatch(header)).toThrow(/If-Match/);
    },
  );

  it("When matching, then an absent resource never matches, * matches any present one", () => {
    expect(conditionMatches({ kind: "any" }, undefined)).toBe(false);
    expect(conditionMatches({ kind: "any" }, '"x"')).toBe(true);
    expect(conditionMatches({ kind: "tags", tags: ['"x"'] }, '"y"')).toBe(false);
  });

  it("When a GET's If-None-Match names the current tag, then it is not modified; other methods never are", () => {
    expect(isNotModified("GET", 'W/"v2-delivery-3"', '"v2-delivery-3"')).toBe(true);
    expect(isNotModified("GET", '"v2-delivery-2"', '"v2-delivery-3"')).toBe(false);
    expect(isNotModified("PUT", '"v2-delivery-3"', '"v2-delivery-3"')).toBe(false);
  });
});
