import { createRequire } from "node:module";
import { join } from "node:path";
import { cruise, type ICruiseOptions, type IForbiddenRuleType } from "dependency-cruiser";
import { describe, expect, it } from "vitest";

/** The rules `pnpm deps:check` applies, run on a small tree made to break them. */
const rules = createRequire(import.meta.url)("../dependency-rules.cjs") as {
  forbidden: IForbiddenRuleType[];
  options: ICruiseOptions;
};
const fixture = join(import.meta.dirname, "dependency-rules-fixture");

async function violations(): Promise<string[]> {
  const options = { ...rules.options, ruleSet: { forbidden: rules.forbidden }, validate: true, baseDir: fixture };
  const result = await cruise(["packages"], options);
  if (typeof result.output === "string") throw new Error("expected the cruise's result, not a report");
  return result.output.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`);
}

describe("the dependency rule", () => {
  it("When a contracts package imports the kit's HTTP layer, then the rule fails it; importing the core passes", async () => {
    const found = await violations();

    expect(found).toContain(
      "contracts-import-only-the-core: packages/example-contracts/src/uses-http.ts -> packages/service-kit/src/http/index.ts",
    );
    expect(found.filter((v) => v.includes("uses-wire.ts"))).toEqual([]);
  });
});
