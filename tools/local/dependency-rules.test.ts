import { createRequire } from "node:module";
import { join } from "node:path";
import { cruise, type ICruiseOptions, type IForbiddenRuleType } from "dependency-cruiser";
import { describe, expect, it } from "vitest";

type Rules = { forbidden: IForbiddenRuleType[]; options: ICruiseOptions };

/** The rules `pnpm deps:check` applies (the modules', then the folders'), run on a small tree made to break them. */
const load = createRequire(import.meta.url);
const moduleRules = load("../dependency-rules.cjs") as Rules;
const folderRules = load("../folder-rules.cjs") as Rules;
const fixture = join(import.meta.dirname, "dependency-rules-fixture");

async function violations(rules: Rules): Promise<string[]> {
  const options = { ...rules.options, ruleSet: { forbidden: rules.forbidden }, validate: true, baseDir: fixture };
  const result = await cruise(["packages", "services"], options);
  if (typeof result.output === "string") throw new Error("expected the cruise's result, not a report");
  return result.output.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`);
}

describe("the dependency rule", () => {
  it("When a contracts package imports the kit's HTTP layer, then the rule fails it; importing the core passes", async () => {
    const found = await violations(moduleRules);

    expect(found).toContain(
      "contracts-import-only-the-core: packages/example-contracts/src/uses-http.ts -> packages/service-kit/src/http/index.ts",
    );
    expect(found.filter((v) => v.includes("uses-wire.ts"))).toEqual([]);
  });

  it("When a core folder of the kit imports its HTTP layer or koa, then the core rule fails it; another core folder or a Node built-in passes", async () => {
    const found = await violations(moduleRules);

    expect(found).toContain(
      "kit-core-imports-only-the-core: packages/service-kit/src/versions/uses-http.ts -> packages/service-kit/src/http/index.ts",
    );
    // koa is not installed where the fixture lies: the rule refuses it unresolved as it would resolved.
    expect(found).toContainEqual(
      expect.stringMatching(
        /^kit-core-imports-only-the-core: packages\/service-kit\/src\/errors\/uses-koa[.]ts -> .*koa/,
      ),
    );
    expect(found.filter((v) => v.includes("uses-core.ts"))).toEqual([]);
  });

  it("When a runtime folder of the kit imports its HTTP layer, then the runtime rule fails it", async () => {
    const found = await violations(moduleRules);

    expect(found.filter((v) => v.includes("src/mongo/"))).toEqual([
      "kit-runtime-imports-no-http: packages/service-kit/src/mongo/uses-http.ts -> packages/service-kit/src/http/index.ts",
    ]);
  });

  it("When the kit's HTTP layer imports its service layer, then the http rule fails it", async () => {
    const found = await violations(moduleRules);

    expect(found).toContain(
      "kit-http-imports-no-service: packages/service-kit/src/http/uses-service.ts -> packages/service-kit/src/service/index.ts",
    );
  });

  it("When two folders import each other (no module cycle between them), then the folder rule fails them; the module rules do not see it", async () => {
    const tangled = (found: string[]) => found.filter((v) => v.includes("packages/tangled/"));

    expect(tangled(await violations(folderRules))).toEqual([
      expect.stringMatching(/^no-folder-cycles: packages\/tangled\/src\/(orders|billing) -> /),
      expect.stringMatching(/^no-folder-cycles: packages\/tangled\/src\/(orders|billing) -> /),
    ]);
    expect(tangled(await violations(moduleRules))).toEqual([]);
  });

  it("When a service's domain file imports the kit's runtime (its configuration), then the domain rule fails it; the core passes", async () => {
    const found = await violations(moduleRules);

    expect(found.filter((v) => v.includes("services/example/"))).toEqual([
      "domain-imports-only-the-kits-core: services/example/src/orders/order.ts -> packages/service-kit/src/config/index.ts",
    ]);
  });

  it("When a folder of the kit is in no layer, then the rule fails its imports (no layer rule would check them)", async () => {
    const found = await violations(moduleRules);

    expect(found).toContain(
      "kit-folders-are-in-a-layer: packages/service-kit/src/stray/in-no-layer.ts -> packages/service-kit/src/wire/index.ts",
    );
  });
});
