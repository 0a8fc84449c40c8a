import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { aggregateNameProblem, namesOf, serviceNameProblem } from "./names.ts";
import { composeWithService, localOverlayWithService, nextFreePort } from "./register.ts";
import { renderService } from "./render.ts";

/**
 * `pnpm new:service <name> --aggregate <Name> [--with-operations]`: a new service in services/<name> and its
 * contracts package in packages/<name>-contracts, stamped from template/, added to the compose file on the
 * next free port of the local layout and to the local Kubernetes overlay (with a base of its own); then the workspace is installed, the new files formatted and the
 * service's first API document snapshotted, so lint, typecheck, its tests and the contract gate pass at
 * once. Refuses, writing nothing, a name that is taken, invalid or reserved.
 */
const repoRoot = join(import.meta.dirname, "../../..");
const USAGE = "usage: pnpm new:service <name> --aggregate <Name> [--with-operations]";

const { values, positionals } = parseArgsOrRefuse();
const service = positionals[0] ?? "";
const aggregate = values.aggregate ?? "";
if (positionals.length !== 1 || aggregate === "") refuse(USAGE);
const nameProblem = serviceNameProblem(service) ?? aggregateNameProblem(aggregate) ?? takenProblem(service);
if (nameProblem) refuse(nameProblem);

const composePath = join(repoRoot, "docker/compose.yaml");
const composeText = readFileSync(composePath, "utf8");
const port = nextFreePort(repoRoot, composeText);
const names = namesOf(service, aggregate);
const files = renderService({ ...names, port, operations: values["with-operations"] === true });
const composed = composeWithService(composeText, service, names.serviceDb, port);
const overlayPath = join(repoRoot, "docker/k8s/overlays/local/kustomization.yaml");
const overlay = localOverlayWithService(readFileSync(overlayPath, "utf8"), service);

for (const file of files) {
  mkdirSync(dirname(join(repoRoot, file.path)), { recursive: true });
  writeFileSync(join(repoRoot, file.path), file.text);
}
writeFileSync(composePath, composed);
writeFileSync(overlayPath, overlay);
process.stdout.write(
  `created services/${service} and packages/${service}-contracts (${files.length} files), port ${port}\n`,
);

// A new workspace package changes the lockfile; under CI=true pnpm would refuse that by default.
run("pnpm", ["install", "--no-frozen-lockfile", "--prefer-offline", "--loglevel=error"]);
run("pnpm", ["exec", "biome", "check", "--write", `services/${service}`, `packages/${service}-contracts`]);
run("pnpm", ["--filter", `./services/${service}`, "contracts:snapshot"]);
process.stdout.write(
  [
    "",
    // tools/pnpm, not pnpm: the walk-through's user has neither Node 24 nor pnpm on PATH.
    `next: tools/pnpm --filter ./services/${service} test`,
    `      tools/dev   (serves it on http://127.0.0.1:${port}/docs)`,
    `      services/${service}/README.md says where things are`,
    "",
  ].join("\n"),
);

function parseArgsOrRefuse() {
  try {
    return parseArgs({
      options: { aggregate: { type: "string" }, "with-operations": { type: "boolean" } },
      allowPositionals: true,
    });
  } catch (error) {
    refuse(`${(error as Error).message}\n${USAGE}`);
  }
}

/** A name already used by a folder or a package of the workspace. */
function takenProblem(name: string): string | undefined {
  for (const path of [`services/${name}`, `packages/${name}`, `packages/${name}-contracts`]) {
    if (existsSync(join(repoRoot, path))) {
      return `"${name}" is taken: ${path} exists. Choose another name, or remove ${path} first`;
    }
  }
  return undefined;
}

/** The files are written by then: a step that fails is said with what to run once its cause is fixed. */
function run(command: string, args: string[]): void {
  try {
    execFileSync(command, args, { cwd: repoRoot, stdio: ["ignore", "inherit", "inherit"] });
  } catch {
    process.stderr.write(
      `new:service: the files are written, but \`${command} ${args.join(" ")}\` failed (see above); run it again once fixed\n`,
    );
    process.exit(1);
  }
}

function refuse(message: string): never {
  process.stderr.write(`new:service: ${message}\nnothing was written\n`);
  process.exit(2);
}
