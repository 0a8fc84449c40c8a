import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * How `tools/dev` knows nothing changed since its last build. The build's inputs are the files git lists
 * (tracked, or new and not ignored) under packages/ and services/, and the root's package.json,
 * pnpm-lock.yaml and tsconfig.base.json, documentation (`*.md`) left out; their paths and contents, hashed
 * with SHA-256, are the fingerprint. A build that passed writes it to `.local/dev-build.sha256`; the next
 * start builds again only when the fingerprint differs or a service's `dist/main.js` is missing.
 * Contents, not times: a checkout that brings back the same files builds nothing.
 */
export const STAMP_FILE = ".local/dev-build.sha256";

const ROOT_INPUTS = ["package.json", "pnpm-lock.yaml", "tsconfig.base.json"];

export function buildInputs(repoRoot: string): string[] {
  const listed = execFileSync(
    "git",
    ["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "packages", "services", ...ROOT_INPUTS],
    { cwd: repoRoot, encoding: "utf8" },
  );
  return [...new Set(listed.split("\0"))]
    .filter((file) => file !== "" && !file.endsWith(".md") && existsSync(join(repoRoot, file)))
    .sort();
}

export function fingerprintOf(repoRoot: string, files: readonly string[]): string {
  const hash = createHash("sha256");
  for (const file of files) {
    // The path's length first: no two different lists of files can hash the same bytes.
    hash.update(`${file.length}:${file}\0`);
    hash.update(
      createHash("sha256")
        .update(readFileSync(join(repoRoot, file)))
        .digest(),
    );
  }
  return hash.digest("hex");
}

/** Why the build must run, or undefined when nothing changed and its outputs are there. */
export function buildReason(state: {
  stamp: string | undefined;
  fingerprint: string;
  missingOutputs: readonly string[];
}): string | undefined {
  if (state.stamp === undefined) return "no build recorded yet";
  if (state.missingOutputs.length > 0) return `${state.missingOutputs.join(", ")} missing`;
  if (state.stamp !== state.fingerprint) return "sources changed since the last build";
  return undefined;
}
