import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createWriteStream, existsSync } from "node:fs";
import { mkdir, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startTokenIssuer } from "@starter/testing";
import { type MongoServer, startMongoServer } from "@starter/testing/mongo-server";
import { MongoClient } from "mongodb";
import { stopProcess } from "../e2e/delivery-process.ts";
import { discoverTargets, entryPointsOf, GATEWAY_CLIENT, selectTargets, startTarget, type Target } from "./targets.ts";

/**
 * `pnpm fuzz` (after `pnpm build`; `tools/fuzz` does both and installs schemathesis): schemathesis against
 * every committed OpenAPI document of every service (targets.ts finds them), each service built and started
 * as in production on a free loopback port over a local database, with the services it sends to (the
 * gateway's two sides). Authentication as in production: a local issuer signs, for each document, one token
 * with every scope that document lists (the administrative one too, so each generated owner is allowed),
 * which schemathesis sends with every request (and leaves out where it checks that a missing token is
 * refused). `--only <service>` or `--only <service>/v<major>` (repeatable) picks documents. Settings live in
 * schemathesis.toml next to this file; reports (JSON, NDJSON with every request, JUnit), schemathesis'
 * console report and the services' logs go to test/fuzz/results/<run>/<service>-v<major>/ (ignored); the
 * console report is printed as well when a document failed. Exits 1 when any document has a failure.
 */
const { values: args, positionals: extraArgs } = parseArgs({
  options: { only: { type: "string", multiple: true } },
  allowPositionals: true,
});
const repoRoot = join(import.meta.dirname, "../..");
const TARGETS = targetsOrFail(args.only ?? []);

const schemathesis = process.env.SCHEMATHESIS ?? join(repoRoot, ".tools/schemathesis/bin/schemathesis");
if (!existsSync(schemathesis)) fail(`no schemathesis at ${schemathesis}: tools/fuzz installs the pinned version`);
for (const main of new Set(TARGETS.flatMap(entryPointsOf))) {
  if (!existsSync(main)) fail(`no ${main}: run pnpm build first (tools/fuzz does)`);
}

/** A schemathesis run that has not finished by then is stuck: it is killed and counts as failed. */
const RUN_TIMEOUT_MS = 600_000;
const stamp = `f${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
const resultsDir = join(import.meta.dirname, "results", stamp);

/** The services' and schemathesis' processes; Ctrl-C (or SIGTERM) stops them, then the database is stopped too. */
const running: ChildProcess[] = [];
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    interrupted = true;
    for (const child of running) child.kill("SIGTERM");
  });
}

type Outcome = {
  target: Target;
  exitCode: number | null;
  seconds: number;
  report: RunReport | undefined;
  /** Why schemathesis did not run (a service that did not start). */
  error?: string;
  /** Why the document was left out on purpose: its major answers 410 today (a brownout, its sunset). */
  gone?: string;
};
const outcomes: Outcome[] = [];
const startedAt = Date.now();
const database = await startMongoServer();
const issuer = await startTokenIssuer({
  audience: "fuzz-api",
  clients: {
    [GATEWAY_CLIENT.id]: { secret: GATEWAY_CLIENT.secret, scope: "deliveries:read deliveries:write deliveries:admin" },
  },
});
try {
  process.stdout.write(`[fuzz] database: ${database.description}\n[fuzz] reports: ${resultsDir}\n`);
  process.stdout.write(`[fuzz] documents: ${TARGETS.map((target) => target.name).join(", ")}\n`);
  for (const target of TARGETS) {
    if (interrupted) break;
    outcomes.push(await fuzzTarget(target, database));
  }
} finally {
  await issuer[Symbol.asyncDispose]();
  await database.stop();
}

process.stdout.write(`\n[fuzz] summary (${((Date.now() - startedAt) / 1000).toFixed(0)} s)\n`);
for (const { target, exitCode, seconds, report, error, gone } of outcomes) {
  const cases = report?.test_cases;
  const counts = cases
    ? `${cases.generated} test cases generated, ${cases.with_failures} with failures, ${cases.unique_failures} unique failures, ${cases.errored} errored`
    : "no report";
  const document = `${target.service} /v${target.major}/openapi.json`;
  if (gone) {
    process.stdout.write(`  ${document}: not fuzzed, its major answers 410 today: ${gone}\n`);
    continue;
  }
  process.stdout.write(`  ${document}: ${counts}; schemathesis exited with ${exitCode} (${seconds.toFixed(0)} s)\n`);
  for (const failure of report?.failures ?? []) {
    process.stdout.write(`    ${failure.code} ${failure.title} (${failure.count}): ${failure.operations.join(", ")}\n`);
  }
  for (const error of report?.errors ?? []) process.stdout.write(`    error: ${JSON.stringify(error)}\n`);
  if (error) process.stdout.write(`    not fuzzed: ${error.replaceAll("\n", "\n      ")}\n`);
}
const total = (pick: (cases: RunReport["test_cases"]) => number) =>
  outcomes.reduce((sum, { report }) => sum + (report ? pick(report.test_cases) : 0), 0);
const failedDocuments = outcomes.filter((outcome) => outcome.exitCode !== 0).length;
process.stdout.write(
  `  in all: ${outcomes.length} of ${TARGETS.length} documents, ${total((c) => c.generated)} test cases, ${total((c) => c.with_failures)} with failures; ${failedDocuments} documents failed\n`,
);
if (interrupted) process.stdout.write("  interrupted\n");
const passed = !interrupted && outcomes.length === TARGETS.length && outcomes.every((o) => o.exitCode === 0);
process.exit(passed ? 0 : 1);

/**
 * One document against services of its own with fresh databases, so what the stateful phase finds does
 * not depend on what an earlier document's run left behind.
 */
async function fuzzTarget(target: Target, server: MongoServer): Promise<Outcome> {
  const begun = Date.now();
  const reportDir = join(resultsDir, `${target.service}-v${target.major}`);
  await mkdir(reportDir, { recursive: true });
  const firstProcess = running.length;
  const databases: string[] = [];
  try {
    const started = await startTarget(target, {
      mongoUri: server.uri,
      databasePrefix: `fuzz_${stamp}_${target.service}_v${target.major}`,
      authEnv: issuer.env,
      logDir: reportDir,
      running,
      databases,
    });
    const documentUrl = `${started.url}/v${target.major}/openapi.json`;
    process.stdout.write(`\n[fuzz] ${target.service}: ${documentUrl}\n`);
    const gone = await goneToday(documentUrl);
    if (gone) return { target, exitCode: 0, seconds: (Date.now() - begun) / 1000, report: undefined, gone };
    const token = await issuer.token(
      { sub: "fuzz", scope: (await scopesOf(documentUrl)).join(" ") },
      { expiresIn: "2h" },
    );
    const exitCode = await runSchemathesis(documentUrl, started.url, token, reportDir);
    return { target, exitCode, seconds: (Date.now() - begun) / 1000, report: await readReport(reportDir) };
  } catch (error) {
    // Told in the summary; the other documents still run.
    const message = (error as Error).message.trim();
    return { target, exitCode: null, seconds: (Date.now() - begun) / 1000, report: undefined, error: message };
  } finally {
    // The target's service first, then the services it sends to.
    for (const child of running.splice(firstProcess).toReversed()) await stopProcess(child);
    // A server of our own (FerretDB, a container) goes away whole; one named by MONGODB_URI keeps nothing of the run.
    if (server.kind === "external" && !interrupted) for (const name of databases) await dropDatabase(server.uri, name);
  }
}

/**
 * A deprecated major ends on the calendar: inside a brownout and from its sunset every request answers
 * 410, its document included, so there is nothing to fuzz (the 410 itself is tested with an injected clock).
 */
async function goneToday(documentUrl: string): Promise<string | undefined> {
  const response = await fetch(documentUrl);
  if (response.status !== 410) return undefined;
  return ((await response.json()) as { detail?: string }).detail ?? "410";
}

/** Every scope a document lists in its OAuth 2.0 security scheme: the token may do all it documents. */
async function scopesOf(documentUrl: string): Promise<string[]> {
  const response = await fetch(documentUrl);
  if (!response.ok) throw new Error(`${documentUrl} answered ${response.status}`);
  const document = (await response.json()) as {
    components?: { securitySchemes?: Record<string, { flows?: Record<string, { scopes?: object }> }> };
  };
  const schemes = Object.values(document.components?.securitySchemes ?? {});
  return [
    ...new Set(
      schemes.flatMap((scheme) => Object.values(scheme.flows ?? {}).flatMap((f) => Object.keys(f.scopes ?? {}))),
    ),
  ];
}

function targetsOrFail(only: readonly string[]): Target[] {
  try {
    const targets = selectTargets(discoverTargets(join(repoRoot, "services")), only);
    if (targets.length === 0) fail("no service has a committed document (services/<name>/openapi/v<major>.json)");
    return targets;
  } catch (error) {
    fail((error as Error).message);
  }
}

async function runSchemathesis(
  documentUrl: string,
  url: string,
  token: string,
  reportDir: string,
): Promise<number | null> {
  const child = spawn(
    schemathesis,
    [
      "--config-file",
      join(import.meta.dirname, "schemathesis.toml"),
      "run",
      documentUrl,
      "--url",
      url,
      "--report",
      "json,ndjson,junit",
      "--report-dir",
      reportDir,
      "--header",
      `Authorization: Bearer ${token}`,
      ...extraArgs,
    ],
    {
      // Hypothesis keeps its own files (.hypothesis/) in the working directory: the ignored results folder.
      cwd: join(import.meta.dirname, "results"),
      // Its console report ends in a line shaped like a test runner's summary without a count of tests,
      // which log readers take for the run's result: it goes to a file, and to the console when it failed.
      stdio: ["ignore", "pipe", "pipe"],
      // Requests go to the loopback service only: anything else would go through a proxy that refuses it.
      env: { ...process.env, ...loopbackOnly() },
    },
  );
  running.push(child);
  const logPath = join(reportDir, "schemathesis.log");
  const log = createWriteStream(logPath);
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const timer = setTimeout(() => child.kill("SIGKILL"), RUN_TIMEOUT_MS);
  const [code] = (await once(child, "exit")) as [number | null];
  clearTimeout(timer);
  await new Promise<void>((resolve) => log.end(resolve));
  if (code !== 0) process.stdout.write(await readFile(logPath, "utf8"));
  return code;
}

/** Proxy settings that send every request to a closed loopback port, except those to 127.0.0.1 itself. */
function loopbackOnly(): Record<string, string> {
  const nowhere = "http://127.0.0.1:9";
  const settings: Record<string, string> = { NO_PROXY: "127.0.0.1", no_proxy: "127.0.0.1" };
  for (const name of ["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"]) {
    settings[name] = nowhere;
    settings[name.toLowerCase()] = nowhere;
  }
  return settings;
}

/** The parts of schemathesis' JSON report (`--report json`) this summary prints. */
type RunReport = {
  test_cases: { generated: number; with_failures: number; unique_failures: number; errored: number };
  failures: { code: string; title: string; count: number; operations: string[] }[];
  errors: unknown[];
};

/** Undefined when schemathesis wrote none, or was stopped halfway through writing it. */
async function readReport(reportDir: string): Promise<RunReport | undefined> {
  const name = (await readdir(reportDir)).find((file) => file.startsWith("json-") && file.endsWith(".json"));
  if (!name) return undefined;
  try {
    return JSON.parse(await readFile(join(reportDir, name), "utf8")) as RunReport;
  } catch {
    return undefined;
  }
}

/** Best effort: a database left behind is a warning, not a reason to hide the run's result. */
async function dropDatabase(uri: string, name: string): Promise<void> {
  const client = new MongoClient(uri);
  try {
    await client.db(name).dropDatabase();
  } catch (error) {
    process.stderr.write(`[fuzz] could not drop database ${name}: ${(error as Error).message}\n`);
  } finally {
    await client.close();
  }
}

function fail(message: string): never {
  process.stderr.write(`[fuzz] ${message}\n`);
  process.exit(1);
}
