import { describe, expect, it } from "vitest";
import {
  type ApiVersion,
  contractVersionOf,
  createVersionRegistry,
  parseBrownouts,
  parseContractVersion,
  parseVersionStates,
} from "./registry.ts";

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
    expect(createVersionRegistry(API_VERSIONS, { states: { 1: "retired" } }).supported).toEqual([2]);
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
    [
      "a minor that is not a whole number from 0",
      [deprecated, { major: 2, minor: 1.5, state: "current" }],
      {},
      /version 2 has the minor 1.5; a minor is a whole number from 0/,
    ],
  ])("When the lifecycle has %s, then it fails at start with a clear message", (_, versions, overrides, message) => {
    expect(() => createVersionRegistry(versions, { states: overrides })).toThrow(message);
  });

  it("When states are configured as text, then they are read; a malformed entry is refused", () => {
    expect(parseVersionStates("1:retired, 2:current")).toEqual({ 1: "retired", 2: "current" });
    expect(parseVersionStates("")).toEqual({});
    expect(() => parseVersionStates("1=retired")).toThrow(/1=retired/);
  });
});

describe("a rollback", () => {
  it("When a promoted major is withdrawn and its predecessor is current again, then the registry takes it, with no successor for the withdrawn one", () => {
    const promoted: ApiVersion[] = [
      { ...deprecated, state: "retired" },
      {
        major: 2,
        state: "deprecated",
        deprecatedAt: "2027-06-01T00:00:00Z",
        sunsetAt: "2027-12-01T00:00:00Z",
        successor: 3,
      },
      { major: 3, state: "current" },
    ];

    const rolledBack = createVersionRegistry(promoted, { states: parseVersionStates("2:current,3:withdrawn") });

    expect(rolledBack).toMatchObject({ defaultMajor: 2, supported: [2], deprecated: [] });
    expect(rolledBack.phaseAt(rolledBack.find(3) as ApiVersion, new Date())).toEqual({ kind: "withdrawn" });
    expect(() => createVersionRegistry(promoted, { states: { 3: "withdrawn" } })).toThrow(
      /exactly one version must be current, found 0; version 2 is deprecated but names no served successor/,
    );
  });
});

describe("the version a major's document carries", () => {
  it("When a major declares its minor, then its contract version is major.minor; without one, the minor is 0", () => {
    expect(contractVersionOf({ major: 2, minor: 3 })).toBe("2.3");
    expect(contractVersionOf({ major: 1 })).toBe("1.0");
  });

  it("When a version is read, then only major.minor is one; a bare major or a patch is not", () => {
    expect(parseContractVersion("1.12")).toEqual({ major: 1, minor: 12 });
    for (const text of ["1", "1.2.3", "v1.2", "1.x"]) expect(parseContractVersion(text)).toBeUndefined();
  });
});

describe("the calendar of a deprecated major", () => {
  const brownout = { from: "2027-02-02T14:00:00Z", until: "2027-02-02T15:00:00Z" };
  const registry = createVersionRegistry([
    { ...deprecated, brownouts: [brownout] },
    { major: 2, state: "current" },
  ]);
  const v1 = registry.find(1) as ApiVersion;
  const v2 = registry.find(2) as ApiVersion;
  const at = (instant: string) => new Date(instant);

  it.each([
    ["before its first brownout", "2027-02-02T13:59:59Z", { kind: "served" }],
    ["at the start of a brownout", "2027-02-02T14:00:00Z", { kind: "brownout", until: brownout.until }],
    ["at the end of a brownout", "2027-02-02T15:00:00Z", { kind: "served" }],
    ["at its sunset", "2027-03-01T00:00:00Z", { kind: "retired" }],
    ["long after its sunset", "2031-01-01T00:00:00Z", { kind: "retired" }],
  ])("When the day is %s, then it is %o", (_, instant, phase) => {
    expect(registry.phaseAt(v1, at(instant))).toEqual(phase);
  });

  it("When a sunset passes, then the major leaves the majors served that day, and a current major never ends by date", () => {
    expect(registry.supportedAt(at("2027-02-28T23:59:59Z"))).toEqual([1, 2]);
    expect(registry.supportedAt(at("2027-03-01T00:00:00Z"))).toEqual([2]);
    expect(registry.phaseAt({ ...v2, sunsetAt: "2020-01-01T00:00:00Z" }, at("2031-01-01T00:00:00Z"))).toEqual({
      kind: "served",
    });
  });

  it("When a deployment replaces the brownouts, then its own apply; `none` calls them off", () => {
    const moved = createVersionRegistry(API_VERSIONS, {
      brownouts: parseBrownouts("1:2027-01-05T10:00:00Z/2027-01-05T11:00:00Z"),
    });
    const calledOff = createVersionRegistry(
      [
        { ...deprecated, brownouts: [brownout] },
        { major: 2, state: "current" },
      ],
      {
        brownouts: parseBrownouts("1:none"),
      },
    );

    expect(moved.phaseAt(moved.find(1) as ApiVersion, at("2027-01-05T10:30:00Z")).kind).toBe("brownout");
    expect(calledOff.phaseAt(calledOff.find(1) as ApiVersion, at(brownout.from)).kind).toBe("served");
  });

  it.each([
    ["a window that ends before it starts", "1:2027-02-02T15:00:00Z/2027-02-02T14:00:00Z", /ends before it starts/],
    [
      "a window after the sunset",
      "1:2027-03-02T00:00:00Z/2027-03-03T00:00:00Z",
      /not between its deprecation and its sunset/,
    ],
    ["a window that is not two instants", "1:tomorrow/later", /not a pair of ISO 8601 instants/],
    [
      "a brownout of an unknown major",
      "7:2027-02-02T14:00:00Z/2027-02-02T15:00:00Z",
      /version 7 is not in the registry/,
    ],
  ])("When a brownout is %s, then the registry is refused", (_, text, message) => {
    expect(() => createVersionRegistry(API_VERSIONS, { brownouts: parseBrownouts(text) })).toThrow(message);
  });

  it("When brownouts are configured as text, then several per major are read; a malformed entry is refused", () => {
    expect(
      parseBrownouts("1:2027-01-01T00:00:00Z/2027-01-01T01:00:00Z, 1:2027-02-01T00:00:00Z/2027-02-01T01:00:00Z"),
    ).toEqual({
      1: [
        { from: "2027-01-01T00:00:00Z", until: "2027-01-01T01:00:00Z" },
        { from: "2027-02-01T00:00:00Z", until: "2027-02-01T01:00:00Z" },
      ],
    });
    expect(parseBrownouts("1:none")).toEqual({ 1: [] });
    expect(() => parseBrownouts("1:2027-01-01")).toThrow(/<major>:<from>\/<until>/);
  });

  it("When a major is announced with a sunset sooner than the minimum lifetime after its deprecation, then it is refused naming the rule", () => {
    const hurried = [
      { ...deprecated, sunsetAt: "2026-10-01T00:00:00Z" },
      { major: 2, state: "current" as const },
    ];

    expect(() => createVersionRegistry(hurried, { minDeprecationDays: 90 })).toThrow(
      /version 1 is announced with its sunset 30 days after its deprecation; the minimum lifetime is 90 days \(API_MIN_DEPRECATION_DAYS\)/,
    );
    expect(createVersionRegistry(hurried, { minDeprecationDays: 30 }).deprecated).toEqual([1]);
  });
});
