import { describe, expect, it } from "vitest";
import { parseAsyncPreferences, preferredWaitSeconds } from "./prefer.ts";

describe("parseAsyncPreferences (RFC 7240)", () => {
  it.each<[string | undefined, { respondAsync: boolean; waitSeconds: number }]>([
    [undefined, { respondAsync: false, waitSeconds: 0 }],
    ["respond-async", { respondAsync: true, waitSeconds: 0 }],
    ["wait=5", { respondAsync: false, waitSeconds: 5 }],
    ["respond-async, wait=100", { respondAsync: true, waitSeconds: 30 }],
    ["handling=lenient, return=minimal", { respondAsync: false, waitSeconds: 0 }],
    ["wait=soon, Respond-Async; x=1", { respondAsync: true, waitSeconds: 0 }],
    ["wait=2, wait=20", { respondAsync: false, waitSeconds: 2 }],
  ])("When Prefer is %j, then the preferences are %o", (header, expected) => {
    expect(parseAsyncPreferences(header, 30)).toEqual(expected);
  });
});

describe("preferredWaitSeconds (RFC 7240)", () => {
  it.each<[string | undefined, number | undefined]>([
    [undefined, undefined],
    ["respond-async", undefined],
    ["wait=0", 0],
    ["Wait = 100", 100],
    ["wait=-1", undefined],
    ["handling=strict, wait=3", 3],
  ])("When Prefer is %j, then the preferred wait is %s (uncapped; none is not 0)", (header, expected) => {
    expect(preferredWaitSeconds(header)).toBe(expected);
  });
});
