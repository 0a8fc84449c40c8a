import { describe, expect, it } from "vitest";
import { idempotencyKeyHeaderSchema, parseKey } from "./key-header.ts";

describe("parseKey (Idempotency-Key, draft-07: an sf-string, or the bare form)", () => {
  it.each([
    ['"8e03978e-40d5-43e8-bc93-6894a57f9324"', "8e03978e-40d5-43e8-bc93-6894a57f9324"],
    ["8e03978e-40d5-43e8-bc93-6894a57f9324", "8e03978e-40d5-43e8-bc93-6894a57f9324"],
    ['"with space and \\"escape\\""', 'with space and "escape"'],
  ])("When the header is %s, then the key is %j, and the documented schema accepts it", (header, key) => {
    expect(parseKey(header)).toBe(key);
    expect(idempotencyKeyHeaderSchema.safeParse(header).success).toBe(true);
  });

  it.each(['"open', "two words", "a,b", '""', `"${"x".repeat(256)}"`, '"a";b=1;'])(
    "When the header is %j, then it is refused, and the documented schema refuses it too",
    (header) => {
      expect(() => parseKey(header)).toThrow(/Idempotency-Key/);
      expect(idempotencyKeyHeaderSchema.safeParse(header).success).toBe(false);
    },
  );
});
