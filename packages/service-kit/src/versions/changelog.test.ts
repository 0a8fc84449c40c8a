import { describe, expect, it } from "vitest";
import { renderChangelog, type WithinMajorChange } from "./changelog.ts";
import type { ApiVersion } from "./registry.ts";
import { versionChain } from "./version-chain.ts";

const notes = versionChain("note", []);
const change = (name: string, ...versions: WithinMajorChange["versions"]): WithinMajorChange => ({
  versions,
  date: "2026-12-07",
  name,
  why: `why ${name}`,
});

describe("a changelog with minors", () => {
  it("When every minor has its entry, then each major lists its entries by minor, and its heading names its version", () => {
    const versions: ApiVersion[] = [{ major: 1, minor: 2, state: "current" }];

    const changelog = renderChangelog(versions, notes, [change("second", "1.2"), change("first", "1.1")]);

    expect(changelog).toContain("## Version 1 (1.2, current)");
    expect(changelog).toContain("- 1.1, 2026-12-07: **first**: why first\n- 1.2, 2026-12-07: **second**: why second\n");
  });

  it("When a change applies to two majors, then it is listed under each with the minor it made there", () => {
    const versions: ApiVersion[] = [
      { major: 1, minor: 1, state: "current" },
      { major: 2, minor: 3, state: "preview" },
    ];
    const changelog = renderChangelog(versions, notes, [
      change("both", "1.1", "2.3"),
      change("a", "2.1"),
      change("b", "2.2"),
    ]);

    expect(changelog).toContain("- 1.1, 2026-12-07: **both**");
    expect(changelog).toContain("- 2.3, 2026-12-07: **both**");
  });

  it.each<[string, ApiVersion, WithinMajorChange[], RegExp]>([
    ["a minor without its entry", { major: 1, minor: 2, state: "current" }, [change("a", "1.1")], /1\.2 has no entry/],
    [
      "an entry for a minor the registry has not reached",
      { major: 1, minor: 1, state: "current" },
      [change("a", "1.1"), change("b", "1.2")],
      /b names 1\.2, but the registry has 1\.1/,
    ],
    [
      "two entries for one minor",
      { major: 1, minor: 1, state: "current" },
      [change("a", "1.1"), change("b", "1.1")],
      /1\.1 has 2 entries; one change per minor/,
    ],
    [
      "an entry of a major not in the registry",
      { major: 1, state: "current" },
      [change("a", "3.1")],
      /a names 3\.1, but version 3 is not in the registry/,
    ],
    ["an entry for minor 0", { major: 1, state: "current" }, [change("a", "1.0")], /a names 1\.0, not/],
  ])("When the registry has %s, then the changelog is refused naming it", (_, version, changes, message) => {
    expect(() => renderChangelog([version], notes, changes)).toThrow(message);
  });
});
