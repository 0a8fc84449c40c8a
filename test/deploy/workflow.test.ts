import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { goTool } from "@starter/testing/go-tool";
import { beforeAll, describe, expect, it } from "vitest";

const repoRoot = join(import.meta.dirname, "../..");
let actionlint = "";
beforeAll(async () => {
  actionlint = await goTool("actionlint", "github.com/rhysd/actionlint/cmd/actionlint");
}, 600_000);

async function lint(...files: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await promisify(execFile)(actionlint, ["-shellcheck=", "-pyflakes=", "-no-color", ...files], {
      cwd: repoRoot,
    });
    return { code: 0, output: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, output: failed.stdout };
  }
}

describe("the CI workflow (.github/workflows)", () => {
  it("When actionlint reads the repository's workflows, then it finds nothing", async () => {
    expect(await lint()).toEqual({ code: 0, output: "" });
  });

  it("When a workflow names a context or an output that does not exist, then actionlint refuses it", async () => {
    const { code, output } = await lint(join(import.meta.dirname, "workflow-fixtures/broken.yml"));
    expect(code).toBe(1);
    expect(output).toMatch(/property "shaa" is not defined/);
    expect(output).toMatch(/property "missing" is not defined/);
  });
});
