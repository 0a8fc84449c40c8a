import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { startMongoServer } from "@starter/testing/mongo-server";
import { followWalkThrough, WALK_THROUGH } from "./walk-through.ts";

/**
 * `pnpm new:service:check` (part of tools/check): the generator, proven on a temporary copy of the
 * repository. Unless the repository has followed the README's walk-through already (it has
 * `services/invoicing`), the copy follows it first (walk-through.ts: rename, `invoicing`, a field), so what
 * is checked is a clone as the README leaves it. Then it generates services of its own, under names no user
 * would pick: one with a long operation (and a second aggregate added to it with `new:aggregate`), and a plain
 * one unless the walk-through made `invoicing` (the same template: generated and checked once, for
 * tools/check's time). On them and on the walk-through's service
 * it runs what tools/check runs (lint, dependency rule, build, typecheck, contract gate, the documents'
 * lint, the Kubernetes manifests, their tests against a real database, and the API fuzzer on the first of
 * them), and checks that a refused name writes nothing. The copy is removed afterwards; a step's output is
 * printed only when it fails.
 */
const repoRoot = join(import.meta.dirname, "../../..");
const GENERATOR = "tools/local/new-service/main.ts";
const AGGREGATE_GENERATOR = "tools/local/new-service/new-aggregate.ts";
// `gencheck-`: a clone's own services are checked by tools/check itself; these must never collide with them.
const PLAIN = { name: "gencheck-notes", args: ["gencheck-notes", "--aggregate", "GencheckNote"] };
const WITH_OPERATIONS = {
  name: "gencheck-tasks",
  args: ["gencheck-tasks", "--aggregate", "GencheckTask", "--with-operations"],
};
const SECOND_AGGREGATE = ["GencheckLabel", "--service", WITH_OPERATIONS.name];

const copy = mkdtempSync(join(tmpdir(), "new-service-check-"));
const database = await startMongoServer();
let failed = false;
try {
  step("copy the repository", () => copyTrackedFiles(repoRoot, copy));
  const followsWalkThrough = !existsSync(join(copy, "services", WALK_THROUGH.service));
  if (followsWalkThrough) {
    step("the README's walk-through (rename, new:service invoicing, a field, snapshot)", () =>
      followWalkThrough(copy, run, GENERATOR),
    );
    step("commit the walk-through (the copy's own git)", () => commitAll("walk-through"));
  }
  // The walk-through's invoicing is the plain template already: then only the one with operations is added.
  const own = followsWalkThrough ? [WITH_OPERATIONS] : [PLAIN, WITH_OPERATIONS];
  for (const { args } of own) step(`new:service ${args.join(" ")}`, () => run("node", [GENERATOR, ...args]));
  // A second aggregate in the service with operations: its declaration lists modules in a function.
  step(`new:aggregate ${SECOND_AGGREGATE.join(" ")}`, () => run("node", [AGGREGATE_GENERATOR, ...SECOND_AGGREGATE]));
  step("commit what was generated (the copy's own git)", () => commitAll("generated"));
  step("a taken name is refused and nothing is written", () =>
    assertRefusedUnchanged(GENERATOR, [WITH_OPERATIONS.name, "--aggregate", "Other"]),
  );
  step("a bad aggregate name is refused and nothing is written", () =>
    assertRefusedUnchanged(GENERATOR, ["billing", "--aggregate", "bill"]),
  );
  step("an aggregate the service has is refused and nothing is written", () =>
    assertRefusedUnchanged(AGGREGATE_GENERATOR, SECOND_AGGREGATE),
  );
  // The walk-through's service is checked here with the check's own; a clone's own services, by tools/check.
  const checked = followsWalkThrough ? [{ name: WALK_THROUGH.service }, ...own] : own;
  const generated = checked.flatMap(({ name }) => [
    "--filter",
    `./services/${name}`,
    "--filter",
    `./packages/${name}-contracts`,
  ]);
  step("lint and format", () => run("pnpm", ["exec", "biome", "ci", "."]));
  step("dependency rule", () => run("pnpm", ["deps:check"]));
  // `{dir}...`: the services and every workspace package they depend on, as the Dockerfile builds them.
  const withDependencies = checked.flatMap(({ name }) => ["--filter", `{./services/${name}}...`]);
  step("build", () => run("pnpm", [...withDependencies, "build"]));
  step("typecheck", () => run("pnpm", [...generated, "typecheck"]));
  step("contract gate", () => run("pnpm", [...generated, "--if-present", "contracts:check"]));
  step("API documents' lint", () => run("pnpm", ["api:lint"]));
  step("Kubernetes manifests (their bases in the local overlay)", () => run("pnpm", ["deploy:check"]));
  // One package at a time: each test run is a vitest of its own, and the machine may have two cores.
  step("tests", () => run("pnpm", [...generated, "--workspace-concurrency=1", "test"], { MONGODB_URI: database.uri }));
  // On the first of them: one is enough, the generator writes each the same way.
  const fuzzed = checked.slice(0, 1).map(({ name }) => name);
  step(`API fuzzer (schemathesis) on ${fuzzed.join(", ")}`, () => fuzz(fuzzed, database.uri));
} catch {
  failed = true;
} finally {
  await database.stop();
  rmSync(copy, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

function step(title: string, action: () => void): void {
  const startedAt = Date.now();
  try {
    action();
  } catch (error) {
    process.stdout.write(`[new:service:check] FAILED ${title}\n${(error as Error).message}\n`);
    throw error;
  }
  process.stdout.write(`[new:service:check] ok ${title} (${((Date.now() - startedAt) / 1000).toFixed(1)} s)\n`);
}

/** Runs a command in the copy; its output becomes the error's message when it fails. */
function run(command: string, args: string[], env: Record<string, string> = {}): string {
  const result = spawnSync(command, args, { cwd: copy, encoding: "utf8", env: { ...process.env, ...env } });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} exited with ${result.status}\n${result.stdout}${result.stderr}`);
  }
  return result.stdout;
}

/**
 * `pnpm fuzz` in the copy on generated services' documents, as tools/check fuzzes every service of the
 * repository, with this repository's schemathesis. Its counts are printed, as they are for the others.
 */
function fuzz(names: readonly string[], mongoUri: string): void {
  const schemathesis = process.env.SCHEMATHESIS ?? join(repoRoot, ".tools/schemathesis/bin/schemathesis");
  const only = names.flatMap((name) => ["--only", name]);
  const output = run("pnpm", ["fuzz", ...only], { MONGODB_URI: mongoUri, SCHEMATHESIS: schemathesis });
  for (const line of output.split("\n").filter((text) => text.includes("/openapi.json:"))) {
    process.stdout.write(`[new:service:check] fuzz: ${line.trim()}\n`);
  }
}

/**
 * The files git knows of, tracked or new (not ignored), as they are in the working tree, committed in a
 * repository of the copy's own (the lint reads .gitignore through git; a refusal is checked with git status);
 * then installed.
 */
function copyTrackedFiles(from: string, to: string): void {
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: from,
    encoding: "utf8",
  })
    .split("\0")
    .filter((file) => file !== "" && existsSync(join(from, file))); // deleted but not yet committed: not there
  for (const file of files) {
    mkdirSync(dirname(join(to, file)), { recursive: true });
    cpSync(join(from, file), join(to, file));
  }
  run("git", ["init", "--quiet"]);
  commitAll("copy");
  run("pnpm", ["install", "--frozen-lockfile", "--prefer-offline", "--reporter=silent"]);
}

function commitAll(message: string): void {
  run("git", ["add", "--all"]);
  run("git", ["-c", "user.name=check", "-c", "user.email=check@localhost", "commit", "--quiet", "-m", message]);
}

function assertRefusedUnchanged(generator: string, args: string[]): void {
  const result = spawnSync("node", [generator, ...args], { cwd: copy, encoding: "utf8" });
  if (result.status !== 2) throw new Error(`expected exit 2, got ${result.status}\n${result.stdout}${result.stderr}`);
  if (!result.stderr.includes("nothing was written")) throw new Error(`no refusal message:\n${result.stderr}`);
  const changes = execFileSync("git", ["status", "--porcelain"], { cwd: copy, encoding: "utf8" });
  if (changes !== "") throw new Error(`a refused generation changed files:\n${changes}`);
}
