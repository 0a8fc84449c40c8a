import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import {
  declarationWithModule,
  indexWithAggregate,
  problemsWithAggregate,
  registryWithMinorMoved,
} from "./add-aggregate.ts";
import { aggregateNameProblem, namesOf } from "./names.ts";
import { renderAggregate, renderTemplate } from "./render.ts";

/**
 * `pnpm new:aggregate <Name> --service <service>`: another aggregate in a generated service, stamped from the
 * same template as the first: its folder (aggregate, errors, module), its v1 contract and tests; its module
 * listed in the service's declaration, its problems and wire model added to the service's contracts, and
 * version 1's minor moved (an additive change to its document). Then the new files are formatted and the
 * service's document snapshotted. Refuses, writing nothing, a bad name, a name the service has already, or
 * a declaration or registry it cannot read.
 */
const repoRoot = join(import.meta.dirname, "../../..");
const USAGE = "usage: pnpm new:aggregate <Name> --service <service>";

const { values, positionals } = parseArgsOrRefuse();
const aggregate = positionals[0] ?? "";
const service = values.service ?? "";
if (positionals.length !== 1 || service === "") refuse(USAGE);
const serviceDir = join(repoRoot, "services", service);
const contractsDir = join(repoRoot, "packages", `${service}-contracts`);
if (!existsSync(join(serviceDir, "src/service.ts")) || !existsSync(contractsDir)) {
  refuse(
    `services/${service}/src/service.ts or packages/${service}-contracts is missing: is ${service} a generated service?`,
  );
}
const nameProblem = aggregateNameProblem(aggregate);
if (nameProblem) refuse(nameProblem);

const names = namesOf(service, aggregate);
const view = { ...names, port: 0, operations: false };
const files = renderAggregate(view);
const taken = files.find((file) => existsSync(join(repoRoot, file.path)));
if (taken) refuse(`${taken.path} exists: services/${service} has ${names.aggregatesWords} already`);
const declarationPath = join(serviceDir, "src/service.ts");
const declaration = declarationWithModule(readFileSync(declarationPath, "utf8"), names);
if (!declaration) {
  refuse(
    `src/service.ts does not list its modules as generated: add ${names.aggregates}Module(context) to it yourself`,
  );
}
const problemsPath = join(contractsDir, "src/problems.ts");
const problems = problemsWithAggregate(
  readFileSync(problemsPath, "utf8"),
  renderTemplate("contracts/src/problems.ts", view),
);
const indexPath = join(contractsDir, "src/v1/index.ts");
const index = indexWithAggregate(readFileSync(indexPath, "utf8"), names);
const registryPath = join(contractsDir, "src/versions/index.ts");
const registry = registryWithMinorMoved(readFileSync(registryPath, "utf8"));
if (!registry) {
  refuse(
    `packages/${service}-contracts/src/versions/index.ts does not declare { major: 1, minor: <n>, ... } as generated: move its minor yourself`,
  );
}

for (const file of files) {
  mkdirSync(dirname(join(repoRoot, file.path)), { recursive: true });
  writeFileSync(join(repoRoot, file.path), file.text);
}
writeFileSync(declarationPath, declaration);
writeFileSync(problemsPath, problems);
writeFileSync(indexPath, index);
writeFileSync(registryPath, registry);
process.stdout.write(`added ${names.Aggregate} to services/${service} (${files.length} files, 4 edited)\n`);

run("pnpm", ["exec", "biome", "check", "--write", `services/${service}`, `packages/${service}-contracts`]);
run("pnpm", ["--filter", `./services/${service}`, "contracts:snapshot"]);
process.stdout.write(`\nnext: tools/pnpm --filter ./services/${service} test\n`);

function parseArgsOrRefuse() {
  try {
    return parseArgs({ options: { service: { type: "string" } }, allowPositionals: true });
  } catch (error) {
    refuse(`${(error as Error).message}\n${USAGE}`);
  }
}

/** The files are written by then: a step that fails is said with what to run once its cause is fixed. */
function run(command: string, args: string[]): void {
  try {
    execFileSync(command, args, { cwd: repoRoot, stdio: ["ignore", "inherit", "inherit"] });
  } catch {
    process.stderr.write(
      `new:aggregate: the files are written, but \`${command} ${args.join(" ")}\` failed (see above); run it again once fixed\n`,
    );
    process.exit(1);
  }
}

function refuse(message: string): never {
  process.stderr.write(`new:aggregate: ${message}\nnothing was written\n`);
  process.exit(2);
}
