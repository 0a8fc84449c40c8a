import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type ApiVersion, contractVersionOf, parseContractVersion } from "../../versions/index.ts";
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
 * with its committed snapshot: it passes only when they are the same, and fails, naming the field, on any
 * change that would break an existing client. Any change, additive or not, moves the major's minor by
 * one (its `info.version` is `<major>.<minor>`), so a client can tell that the contract changed; `snapshot`
 * publishes a change whose minor moved by one, after a deliberate, reviewed change, and refuses any other.
 * Returns whether it passed.
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
      requestDeadline: app.limits.requestDeadlineMs !== undefined,
    });
    const currentText = `${JSON.stringify(current, null, 2)}\n`;
    const snapshotPath = join(options.snapshotsDir, file);
    const verdict: Verdict = existsSync(snapshotPath)
      ? await compare(options, version, readFileSync(snapshotPath, "utf8"), currentText)
      : { kind: "publishable", message: `v${version.major}: no snapshot; run tools/pnpm contracts:snapshot` };
    if (verdict.kind === "publishable" && options.mode === "snapshot") {
      mkdirSync(options.snapshotsDir, { recursive: true }); // a new service's first snapshot
      writeFileSync(snapshotPath, currentText);
      options.write(`v${version.major}: ${current.info.version} written to ${file}`);
    } else {
      options.write(verdict.message);
      passed = verdict.kind === "unchanged" && passed;
    }
  }
  return passed;
}

/** What the gate makes of a document against its snapshot: the same, a change `snapshot` may publish, or neither. */
type Verdict = Readonly<{ kind: "unchanged" | "publishable" | "refused"; message: string }>;

async function compare(
  options: ContractsGateOptions,
  version: ApiVersion,
  snapshotText: string,
  currentText: string,
): Promise<Verdict> {
  const major = `v${version.major}`;
  const snapshot = JSON.parse(snapshotText) as { info?: { version?: unknown } };
  const current = JSON.parse(currentText) as { info: { version: string } };
  const published = parseContractVersion(String(snapshot.info?.version));
  const now = contractVersionOf(version);
  if (published?.major !== version.major) {
    const found = JSON.stringify(snapshot.info?.version);
    return refused(
      `${major}: openapi/${major}.json carries the version ${found}, not ${version.major}.<minor>; delete it and publish it afresh with tools/pnpm contracts:snapshot`,
    );
  }
  const was = `${published.major}.${published.minor}`;
  const moved = (version.minor ?? 0) - published.minor;
  if (unversioned(snapshot) === unversioned(current)) {
    if (moved === 0) return { kind: "unchanged", message: `${major}: ${now}, unchanged` };
    return refused(
      `${major}: the minor moved from ${was} to ${now}, but the document did not change; set it back to ${was}`,
    );
  }
  if (moved !== 0 && moved !== 1) {
    return refused(
      `${major}: the document goes from ${was} to ${now}; a change moves the minor by one, to ${version.major}.${published.minor + 1}`,
    );
  }
  const next = `${version.major}.${published.minor + 1}`;
  const { breaking, report } = await options.findBreakingChanges(snapshot, current);
  if (breaking) {
    const message = breakingMessage(version.major, report, next);
    return moved === 1 ? { kind: "publishable", message } : refused(message);
  }
  if (moved === 0) {
    return refused(
      `${major}: additive changes, but the document is still ${now}: move the minor to ${next} (\`minor: ${published.minor + 1}\` in the registry), add its changelog entry, then tools/pnpm contracts:snapshot`,
    );
  }
  return {
    kind: "publishable",
    message: `${major}: additive changes as ${now}, not published yet: tools/pnpm contracts:snapshot`,
  };
}

function refused(message: string): Verdict {
  return { kind: "refused", message };
}

/** The document without its version: whether anything but the minor changed. */
function unversioned(document: { info?: object }): string {
  return JSON.stringify({ ...document, info: { ...document.info, version: undefined } });
}

/** What broke, and the ways out: the gate stops a change, so it says what the author does next. */
function breakingMessage(major: number, report: string, next: string): string {
  return [
    `v${major}: BREAKING changes against the published contract (openapi/v${major}.json):`,
    report,
    "",
    `A client of v${major} built against openapi/v${major}.json could break. Either:`,
    "  - undo the change, or make it additive (a new optional field, a new operation);",
    `  - if it is deliberate and reviewed (v${major} is not in use yet, or every client was told), move the minor to ${next}, add its changelog entry, and publish it: tools/pnpm contracts:snapshot;`,
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
