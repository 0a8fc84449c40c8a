import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { buildInputs, buildReason, fingerprintOf, STAMP_FILE } from "./build-stamp.ts";
import { localServices } from "./services.ts";

/**
 * `tools/dev`'s build: `pnpm build` when the sources changed since the last one that passed (see
 * build-stamp.ts), else nothing. Its output is shown only when it fails: what tools/dev prints first is
 * the system's URLs and tokens.
 */
const repoRoot = join(import.meta.dirname, "../..");
const stampPath = join(repoRoot, STAMP_FILE);

const startedAt = Date.now();
const inputs = buildInputs(repoRoot);
const fingerprint = fingerprintOf(repoRoot, inputs);
const stamp = existsSync(stampPath) ? readFileSync(stampPath, "utf8").trim() : undefined;
const missingOutputs = localServices(repoRoot)
  .map((service) => service.main)
  .filter((main) => !existsSync(main))
  .map((main) => main.slice(repoRoot.length + 1));
const reason = buildReason({ stamp, fingerprint, missingOutputs });

if (reason === undefined) {
  process.stderr.write(
    `[dev] build skipped: none of its ${inputs.length} input files changed since the last build (their hash is in ${STAMP_FILE}; ${Date.now() - startedAt} ms)\n`,
  );
} else {
  process.stderr.write(`[dev] building (${reason}) ...\n`);
  const build = spawnSync("pnpm", ["build"], { cwd: repoRoot, encoding: "utf8" });
  if (build.status !== 0) {
    process.stderr.write(`${build.stdout}${build.stderr}[dev] pnpm build failed (above)\n`);
    process.exit(1);
  }
  mkdirSync(dirname(stampPath), { recursive: true });
  writeFileSync(stampPath, `${fingerprint}\n`);
  process.stderr.write(`[dev] built in ${((Date.now() - startedAt) / 1000).toFixed(1)} s\n`);
}
