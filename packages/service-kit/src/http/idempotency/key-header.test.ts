import { describe, expect, it } from "vitest";
import { parseKey } from "./key-header.ts";

describe("parseKey (Idempotency-Key, draft-07: an sf-string, or the bare form)", () => {
  it.each([
    ['"8e03978e-40d5-43e8-bc93-6894a57f9324"', "8e03978e-40d5-43e8-bc93-6894a57f9324"],
    ["8e03978e-40d5-43e8-bc93-6894a57f9324", "8e03978e-40d5-43e8-bc93-6894a57f9324"],
    ['"with space and \\"escape\\""', 'with space and "escape"'],
  ])("When the header is %s, then the key is %j", (header, key) => {
    expect(parseKey(header)).toBe(key);
  });

  it.each(['"open', "two words", "a,b", '""', `"${"x".repeat(256)}"`, '"a";b=1;'])(
    "When the header is %j, then it is refused",
    (header) => {
      expect(() => parseKey(header)).toThrow(/Idempotency-Key/);
    },
  );
});
