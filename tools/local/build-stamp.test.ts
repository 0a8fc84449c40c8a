import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildInputs, buildReason, fingerprintOf } from "./build-stamp.ts";

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A git repository with these files, the first ones committed and the rest new. */
function repositoryWith(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "build-stamp-"));
  roots.push(root);
  execFileSync("git", ["init", "--quiet"], { cwd: root });
  for (const [file, text] of Object.entries(files)) write(root, file, text);
  return root;
}

function write(root: string, file: string, text: string): void {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), text);
}

function fingerprint(root: string): string {
  return fingerprintOf(root, buildInputs(root));
}

describe("tools/dev's decision to build", () => {
  it("When nothing changed and the outputs are there, then the build is skipped; else it says why it runs", () => {
    expect(buildReason({ stamp: "a", fingerprint: "a", missingOutputs: [] })).toBeUndefined();
    expect(buildReason({ stamp: undefined, fingerprint: "a", missingOutputs: [] })).toBe("no build recorded yet");
    expect(buildReason({ stamp: "a", fingerprint: "b", missingOutputs: [] })).toBe(
      "sources changed since the last build",
    );
    expect(buildReason({ stamp: "a", fingerprint: "a", missingOutputs: ["services/x/dist/main.js"] })).toBe(
      "services/x/dist/main.js missing",
    );
  });

  it("When a source, a new file or the lockfile changes, then the fingerprint does; a README or an ignored file does not", () => {
    const root = repositoryWith({
      ".gitignore": "dist/\n",
      "package.json": "{}",
      "pnpm-lock.yaml": "lockfileVersion: 9\n",
      "services/notes/src/main.ts": "export {};\n",
      "services/notes/README.md": "# notes\n",
      "docs/guide.ts": "not an input\n",
    });
    const before = fingerprint(root);

    write(root, "services/notes/README.md", "# notes, explained\n");
    write(root, "services/notes/dist/main.js", "built\n");
    write(root, "docs/guide.ts", "still not an input\n");
    expect(fingerprint(root)).toBe(before);

    write(root, "services/notes/src/main.ts", "export const changed = true;\n");
    const edited = fingerprint(root);
    expect(edited).not.toBe(before);

    write(root, "packages/kit/src/index.ts", "export {};\n");
    const added = fingerprint(root);
    expect(added).not.toBe(edited);

    write(root, "pnpm-lock.yaml", "lockfileVersion: 9\npackages: {}\n");
    expect(fingerprint(root)).not.toBe(added);
  });

  it("When the same contents come back (a checkout), then the fingerprint is the one before", () => {
    const root = repositoryWith({ "services/notes/src/main.ts": "export {};\n" });
    const before = fingerprint(root);
    write(root, "services/notes/src/main.ts", "export const other = 1;\n");
    write(root, "services/notes/src/main.ts", "export {};\n");

    expect(fingerprint(root)).toBe(before);
  });
});
