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
import { DELIVERY_MAIN, startDeliveryProcess, stopProcess } from "../e2e/delivery-process.ts";

/**
 * `pnpm fuzz` (after `pnpm build`; `tools/fuzz` does both and installs schemathesis): schemathesis against
 * each OpenAPI document the delivery service serves, the service built and started as in production on a
 * free loopback port, over a local database, authenticating as in production: a local issuer signs one
 * token with every scope (the administrative one too, so each generated owner is allowed), which
 * schemathesis sends with every request (and leaves out where it checks that a missing token is refused). Settings live in schemathesis.toml next to this file; reports
 * (JSON, NDJSON with every request, JUnit), schemathesis' console report and the service's log go to
 * test/fuzz/results/<run>/ (ignored); the console report is printed as well when a document failed.
 * Exits 1 when any document has a failure.
 */
const { values: args, positionals: extraArgs } = parseArgs({
  options: { only: { type: "string" } },
  allowPositionals: true,
});
const DOCUMENTS = ["v1", "v2"].filter((name) => !args.only || name === args.only);
if (DOCUMENTS.length === 0) fail(`--only takes v1 or v2, got ${args.only}`);

const repoRoot = join(import.meta.dirname, "../..");
const schemathesis = process.env.SCHEMATHESIS ?? join(repoRoot, ".tools/schemathesis/bin/schemathesis");
if (!existsSync(schemathesis)) fail(`no schemathesis at ${schemathesis}: tools/fuzz installs the pinned version`);
if (!existsSync(DELIVERY_MAIN)) fail(`no ${DELIVERY_MAIN}: run pnpm build first (tools/fuzz does)`);

/** A schemathesis run that has not finished by then is stuck: it is killed and counts as failed. */
const RUN_TIMEOUT_MS = 600_000;
const stamp = `f${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
const resultsDir = join(import.meta.dirname, "results", stamp);

/** The service and schemathesis processes; Ctrl-C (or SIGTERM) stops them, then the database is stopped too. */
const running: ChildProcess[] = [];
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    interrupted = true;
    for (const child of running) child.kill("SIGTERM");
  });
}

type Outcome = { document: string; exitCode: number | null; report: RunReport | undefined };
const outcomes: Outcome[] = [];
const startedAt = Date.now();
const database = await startMongoServer();
const issuer = await startTokenIssuer({ audience: "delivery-api" });
const SCOPES = "deliveries:read deliveries:write deliveries:admin operations:read operations:write";
const token = await issuer.token({ sub: "fuzz", scope: SCOPES }, { expiresIn: "2h" });
try {
  process.stdout.write(`[fuzz] database: ${database.description}\n[fuzz] reports: ${resultsDir}\n`);
  for (const document of DOCUMENTS) {
    if (interrupted) break;
    outcomes.push(await fuzzDocument(document, database));
  }
} finally {
  await issuer[Symbol.asyncDispose]();
  await database.stop();
}

process.stdout.write(`\n[fuzz] summary (${((Date.now() - startedAt) / 1000).toFixed(0)} s)\n`);
for (const { document, exitCode, report } of outcomes) {
  const cases = report?.test_cases;
  const counts = cases
    ? `${cases.generated} test cases generated, ${cases.with_failures} with failures, ${cases.unique_failures} unique failures, ${cases.errored} errored`
    : "no report";
  process.stdout.write(`  /${document}/openapi.json: ${counts}; schemathesis exited with ${exitCode}\n`);
  for (const failure of report?.failures ?? []) {
    process.stdout.write(`    ${failure.code} ${failure.title} (${failure.count}): ${failure.operations.join(", ")}\n`);
  }
  for (const error of report?.errors ?? []) process.stdout.write(`    error: ${JSON.stringify(error)}\n`);
}
if (interrupted) process.stdout.write("  interrupted\n");
const passed = !interrupted && outcomes.length === DOCUMENTS.length && outcomes.every((o) => o.exitCode === 0);
process.exit(passed ? 0 : 1);

/**
 * One document against a service of its own with a fresh database, so what the stateful phase finds
 * does not depend on what an earlier document's run left behind.
 */
async function fuzzDocument(document: string, server: MongoServer): Promise<Outcome> {
  const databaseName = `fuzz_${stamp}_${document}`;
  const reportDir = join(resultsDir, document);
  await mkdir(reportDir, { recursive: true });
  const { child: service, url } = await startDeliveryProcess({
    MONGODB_URI: server.uri,
    MONGODB_DB: databaseName,
    // The dispatch's stand-in for slow work (2 s by default) would make every `Prefer: wait` case wait it out.
    DISPATCH_DURATION_MS: "50",
    ...issuer.env,
  });
  running.push(service);
  service.stdout?.pipe(createWriteStream(join(reportDir, "service.log")));
  service.stderr?.pipe(createWriteStream(join(reportDir, "service.stderr.log")));
  try {
    process.stdout.write(`\n[fuzz] ${url}/${document}/openapi.json\n`);
    const exitCode = await runSchemathesis(document, url, reportDir);
    return { document, exitCode, report: await readReport(reportDir) };
  } finally {
    await stopProcess(service);
    // A server of our own (FerretDB, a container) goes away whole; one named by MONGODB_URI keeps nothing of the run.
    if (server.kind === "external" && !interrupted) await dropDatabase(server.uri, databaseName);
  }
}

async function runSchemathesis(document: string, url: string, reportDir: string): Promise<number | null> {
  const child = spawn(
    schemathesis,
    [
      "--config-file",
      join(import.meta.dirname, "schemathesis.toml"),
      "run",
      `${url}/${document}/openapi.json`,
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
