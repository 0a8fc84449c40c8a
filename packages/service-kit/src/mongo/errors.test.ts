import { MongoNetworkError, MongoServerError } from "mongodb";
import { describe, expect, it } from "vitest";
import { isDatabaseUnavailableError } from "./errors.ts";

/** An error as Node's net module makes one. */
function systemError(code: string): Error {
  return Object.assign(new Error("This socket has been ended by the other party"), { code });
}

describe("isDatabaseUnavailableError", () => {
  it("When the driver reports a network failure, then it is unavailability (503), not a bug", () => {
    expect(isDatabaseUnavailableError(new MongoNetworkError("connection reset"))).toBe(true);
  });

  it.each(["EPIPE", "ECONNRESET"])(
    "When the driver passes on Node's own %s unwrapped, then it is unavailability too",
    (code) => {
      expect(isDatabaseUnavailableError(systemError(code))).toBe(true);
    },
  );

  it("When the server refuses a command, or the code fails, then it is not", () => {
    expect(isDatabaseUnavailableError(new MongoServerError({ message: "duplicate key", code: 11000 }))).toBe(false);
    expect(isDatabaseUnavailableError(new TypeError("x is undefined"))).toBe(false);
    expect(isDatabaseUnavailableError(Object.assign(new Error("bad"), { code: "ERR_INVALID_ARG_TYPE" }))).toBe(false);
  });
});
