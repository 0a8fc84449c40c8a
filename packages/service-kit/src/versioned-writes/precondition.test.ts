import { describe, expect, it } from "vitest";
import { type Precondition, preconditionHolds } from "./precondition.ts";

describe("preconditionHolds", () => {
  const cases: [Precondition, number | undefined, boolean][] = [
    [{ kind: "none" }, undefined, true],
    [{ kind: "absent" }, undefined, true],
    [{ kind: "absent" }, 1, false],
    [{ kind: "present" }, undefined, false],
    [{ kind: "present" }, 4, true],
    [{ kind: "version-in", versions: [2, 3] }, 3, true],
    [{ kind: "version-in", versions: [2, 3] }, 4, false],
    [{ kind: "version-in", versions: [1] }, undefined, false],
    [{ kind: "version-not-in", versions: [2] }, 2, false],
    [{ kind: "version-not-in", versions: [2] }, undefined, true],
  ];

  it.each(cases)(
    "When the precondition is %o and the current version %s, then it holds: %s",
    (condition, version, holds) => {
      expect(preconditionHolds(condition, version)).toBe(holds);
    },
  );
});
