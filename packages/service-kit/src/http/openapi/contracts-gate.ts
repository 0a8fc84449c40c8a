import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { appRoutes, type ServiceAppOptions } from "../service-app.ts";
import { openApiDocument } from "./openapi-document.ts";

export type ContractsGateOptions = Readonly<{
  mode: "check" | "snapshot";
  /** Where the published documents are committed: `openapi/v<major>.json`. */
  snapshotsDir: string;
  /** The app as the service builds it: its routes and API are what the documents come from. */
  app: ServiceAppOptions;
  /** Compares a published document with the current one (oasdiff, from the testing package). */
  findBreakingChanges: (base: object, revision: object) => Promise<{ breaking: boolean; report: string }>;
  write: (line: string) => void;
}>;

/**
 * The breaking-change gate. `check` compares each published major's document (current or deprecated)
 * with its committed snapshot and fails, naming the field, on any change that would break an existing
 * client. `snapshot` rewrites the snapshots after a deliberate, reviewed change. Returns whether it passed.
 */
export async function runContractsGate(options: ContractsGateOptions): Promise<boolean> {
  const { app } = options;
  if (!app.api) throw new Error("the app serves no versioned API: there is no contract to check");
  const routes = appRoutes(app);
  let passed = true;
  for (const version of app.api.versions.versions.filter((v) => v.state === "current" || v.state === "deprecated")) {
    const file = `v${version.major}.json`;
    const current = openApiDocument({
      title: app.api.title,
      version,
      routes,
      errorMap: app.errorMap,
      info: app.api.info,
      moreScopes: app.api.moreScopes,
    });
    const currentText = `${JSON.stringify(current, null, 2)}\n`;
    const snapshotPath = join(options.snapshotsDir, file);
    if (options.mode === "snapshot") {
      mkdirSync(options.snapshotsDir, { recursive: true }); // a new service's first snapshot
      writeFileSync(snapshotPath, currentText);
      options.write(`v${version.major}: snapshot written to ${file}`);
    } else if (!existsSync(snapshotPath)) {
      options.write(`v${version.major}: no snapshot; run tools/pnpm contracts:snapshot`);
      passed = false;
    } else {
      passed = (await compare(options, version.major, readFileSync(snapshotPath, "utf8"), currentText)) && passed;
    }
  }
  return passed;
}

async function compare(options: ContractsGateOptions, major: number, snapshot: string, current: string) {
  const { breaking, report } = await options.findBreakingChanges(JSON.parse(snapshot), JSON.parse(current));
  if (breaking) options.write(breakingMessage(major, report));
  else if (snapshot !== current)
    options.write(`v${major}: additive changes only; refresh with tools/pnpm contracts:snapshot`);
  else options.write(`v${major}: unchanged`);
  return !breaking;
}

/** What broke, and the ways out: the gate stops a change, so it says what the author does next. */
function breakingMessage(major: number, report: string): string {
  return [
    `v${major}: BREAKING changes against the published contract (openapi/v${major}.json):`,
    report,
    "",
    `A client of v${major} built against openapi/v${major}.json could break. Either:`,
    "  - undo the change, or make it additive (a new optional field, a new operation);",
    `  - if it is deliberate and reviewed (v${major} is not in use yet, or every client was told), publish it: tools/pnpm contracts:snapshot;`,
    `  - else give it to a new major (v${major + 1}) and keep v${major} as it was: docs/versioning.md says how.`,
  ].join("\n");
}

/**
 * A service's `scripts/contracts.ts` in one call: the mode from its arguments (`check` or `snapshot`), the
 * gate's lines on stdout. Returns the exit code: 0 passed, 1 failed, 2 no valid mode given.
 */
export async function runContractsGateCommand(
  args: readonly string[],
  options: Omit<ContractsGateOptions, "mode" | "write">,
): Promise<number> {
  const mode = args[0];
  if (mode !== "check" && mode !== "snapshot") {
    process.stderr.write("usage: contracts.ts check|snapshot\n");
    return 2;
  }
  const write = (line: string) => process.stdout.write(`${line}\n`);
  return (await runContractsGate({ ...options, mode, write })) ? 0 : 1;
}
