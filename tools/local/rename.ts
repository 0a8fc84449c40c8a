import { type ExecFileSyncOptions, execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Gives a clone its own name: the package scope `@starter/...` becomes `@<name>/...` and the template's name
 * (`delivery-starter`: the root package, the compose project) becomes `<name>`, in every file git tracks;
 * then reinstalls (the workspace's names changed) and lets biome reorder the imports the new scope moved.
 * Refuses, writing nothing, a name that is not a valid npm scope and package name. `tools/rename` runs it
 * after setting up Node and pnpm; the generator check runs it in its copy as the README's walk-through does.
 */
const repoRoot = join(import.meta.dirname, "../..");
const name = process.argv[2] ?? "";

if (!/^[a-z0-9][a-z0-9-]{0,49}$/.test(name) || name === "starter") {
  process.stderr.write(
    `"${name}" cannot name the project: use 1-50 lowercase letters, digits and dashes, starting with a letter or digit (for example acme-logistics)\n`,
  );
  process.exit(2);
}

/** The renaming itself keeps the template's names: they are what it looks for. */
const OWN_FILES = new Set(["tools/rename", "tools/local/rename.ts"]);
const files = execFileSync("git", ["ls-files", "-z"], { cwd: repoRoot, encoding: "utf8" })
  .split("\0")
  .filter((file) => file !== "" && !OWN_FILES.has(file));
let changed = 0;
for (const file of files) {
  const path = join(repoRoot, file);
  const text = readFileSync(path);
  if (text.includes(0)) continue; // a binary file
  const renamed = text.toString("utf8").replaceAll("@starter/", `@${name}/`).replaceAll("delivery-starter", name);
  if (renamed === text.toString("utf8")) continue;
  writeFileSync(path, renamed);
  changed++;
}
process.stdout.write(`renamed the project to ${name} (@${name}/...) in ${changed} files\n`);
const inRepo: ExecFileSyncOptions = { cwd: repoRoot, stdio: ["ignore", "ignore", "inherit"] };
// A renamed workspace package changes the lockfile; under CI=true pnpm would refuse that by default.
execFileSync("pnpm", ["install", "--no-frozen-lockfile", "--prefer-offline", "--loglevel=error"], inRepo);
execFileSync("pnpm", ["exec", "biome", "check", "--write", "."], inRepo);
process.stdout.write("done: commit the result, then run tools/check\n");
