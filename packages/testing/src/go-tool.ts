import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "./mongo-server/repo-root.ts";

const BUILD_TIMEOUT_MS = 600_000;

/**
 * Builds a Go program of `tools/<name>` into the ignored `.tools/bin/<name>` and returns its path.
 * `go build` is incremental: the first build takes a while, later ones about a second, and a changed
 * tool is never stale. `target` is a package path when the module pins a tool (`go get -tool`).
 */
export async function goTool(name: string, target = "."): Promise<string> {
  const root = repoRoot();
  const binary = join(root, ".tools", "bin", name);
  if (!existsSync(binary)) process.stderr.write(`[testing] building ${name} with go build (first time) ...\n`);
  await promisify(execFile)("go", ["build", "-o", binary, target], {
    cwd: join(root, "tools", name),
    timeout: BUILD_TIMEOUT_MS,
  });
  return binary;
}
