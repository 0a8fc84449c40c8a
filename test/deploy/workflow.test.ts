import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { goTool } from "@starter/testing/go-tool";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";

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

  it("When tools/check's chain (package.json's check) is compared with ci.yml, then every command of it is run by a job", () => {
    const chain = (JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { scripts: { check: string } })
      .scripts.check;
    const commands = chain.split("&&").map((command) => command.trim());
    const workflow = parse(readFileSync(join(repoRoot, ".github/workflows/ci.yml"), "utf8")) as Workflow;
    const runs = Object.values(workflow.jobs).flatMap((job) => [
      ...(job.steps ?? []).flatMap((step) => (step.run ? [step.run] : [])),
      ...(job.strategy?.matrix?.include ?? []).flatMap((shard) => (shard.run ? [shard.run] : [])),
    ]);
    const ranBy = (command: string) => runs.some((run) => run.split("&&").some((part) => part.trim() === command));

    expect(commands.length).toBeGreaterThan(10);
    expect(commands.filter((command) => !ranBy(command))).toEqual([]);
  });

  it("When images are tagged, then the registry path is the repository's name lower-cased (registry names must be; GitHub's may not be)", () => {
    const text = readFileSync(join(repoRoot, ".github/workflows/ci.yml"), "utf8");
    const tags = text.split("\n").filter((line) => /^\s*tags:/.test(line));

    expect(tags.length).toBeGreaterThan(0);
    for (const tag of tags) expect(tag).not.toContain("github.repository");
    // Bash lower-cases the repository's name (`,,`) into the registry path the tags use.
    expect(text).toMatch(/echo "registry=ghcr\.io\/\$\{GITHUB_REPOSITORY,,\}"/);
  });
});

type Workflow = {
  jobs: Record<string, { steps?: { run?: string }[]; strategy?: { matrix?: { include?: { run?: string }[] } } }>;
};
