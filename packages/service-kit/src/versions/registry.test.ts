import { describe, expect, it } from "vitest";
import { type ApiVersion, createVersionRegistry, parseVersionStates } from "./registry.ts";

const deprecated: ApiVersion = {
  major: 1,
  state: "deprecated",
  deprecatedAt: "2026-09-01T00:00:00Z",
  sunsetAt: "2027-03-01T00:00:00Z",
  successor: 2,
};

const API_VERSIONS: readonly ApiVersion[] = [deprecated, { major: 2, state: "current" }];

describe("the version registry", () => {
  it("When a registry of a deprecated v1 and a current v2 is read, then v2 is the default and v1 is served but deprecated", () => {
    const registry = createVersionRegistry(API_VERSIONS);

    expect(registry).toMatchObject({ defaultMajor: 2, supported: [1, 2], deprecated: [1] });
  });

  it("When configuration retires v1, then only v2 is supported", () => {
    expect(createVersionRegistry(API_VERSIONS, { 1: "retired" }).supported).toEqual([2]);
  });

  it.each<[string, ApiVersion[], Record<number, "current" | "deprecated" | "retired" | "preview">, RegExp]>([
    [
      "two current",
      [deprecated, { major: 2, state: "current" }],
      { 1: "current" },
      /exactly one version must be current, found 2/,
    ],
    ["none current", [deprecated], {}, /exactly one version must be current, found 0/],
    [
      "two deprecated",
      [deprecated, { ...deprecated, major: 3 }, { major: 2, state: "current" }],
      {},
      /at most one version may be deprecated/,
    ],
    [
      "two previews",
      [
        { major: 2, state: "current" },
        { major: 3, state: "preview" },
        { major: 4, state: "preview" },
      ],
      {},
      /at most one version may be in preview/,
    ],
    [
      "no successor",
      [
        { ...deprecated, successor: 9 },
        { major: 2, state: "current" },
      ],
      {},
      /names no served successor/,
    ],
    [
      "sunset before deprecation",
      [
        { ...deprecated, sunsetAt: "2026-01-01T00:00:00Z" },
        { major: 2, state: "current" },
      ],
      {},
      /sunset before its deprecation/,
    ],
    ["an override of an unknown version", [...API_VERSIONS], { 7: "retired" }, /version 7 is not in the registry/],
  ])("When the lifecycle has %s, then it fails at start with a clear message", (_, versions, overrides, message) => {
    expect(() => createVersionRegistry(versions, overrides)).toThrow(message);
  });

  it("When states are configured as text, then they are read; a malformed entry is refused", () => {
    expect(parseVersionStates("1:retired, 2:current")).toEqual({ 1: "retired", 2: "current" });
    expect(parseVersionStates("")).toEqual({});
    expect(() => parseVersionStates("1=retired")).toThrow(/1=retired/);
  });
});
