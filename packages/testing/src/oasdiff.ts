import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { goTool } from "./go-tool.ts";

export type BreakingChanges = {
  /** True when a client of `base` could break against `revision`. */
  readonly breaking: boolean;
  /** oasdiff's findings, one per change, naming the operation and the field. */
  readonly report: string;
};

/**
 * Compares two OpenAPI documents with oasdiff (pinned in tools/oasdiff) and reports the changes that
 * would break an existing client: removed or retyped fields, newly required request fields, narrowed
 * enums, removed operations. Additive changes are not breaking. oasdiff names the files it compared; they
 * are temporary and gone when the report is read, so the report names the two documents instead.
 */
export async function findBreakingChanges(base: object, revision: object): Promise<BreakingChanges> {
  const oasdiff = await goTool("oasdiff", "github.com/oasdiff/oasdiff");
  const dir = await mkdtemp(join(tmpdir(), "oasdiff-"));
  try {
    const [basePath, revisionPath] = [join(dir, "base.json"), join(dir, "revision.json")];
    await writeFile(basePath, JSON.stringify(base));
    await writeFile(revisionPath, JSON.stringify(revision));
    return await new Promise((resolve, reject) => {
      execFile(oasdiff, ["breaking", basePath, revisionPath, "--fail-on", "ERR"], (error, stdout, stderr) => {
        const code = error ? (error as { code?: unknown }).code : 0;
        if (code === 0 || code === 1) resolve({ breaking: code === 1, report: withoutTemporaryPaths(stdout.trim()) });
        else reject(new Error(`oasdiff failed (${String(code)}): ${stderr || stdout}`));
      });
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  function withoutTemporaryPaths(report: string): string {
    return report
      .replaceAll(` at ${join(dir, "base.json")}`, " in the published document")
      .replaceAll(` at ${join(dir, "revision.json")}`, " in the document the code builds now");
  }
}
