import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/** The workspace root (where pnpm-workspace.yaml is), found from this file whether it runs from src or dist. */
export function repoRoot(): string {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, "pnpm-workspace.yaml"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("pnpm-workspace.yaml not found above the testing package");
    dir = parent;
  }
  return dir;
}
