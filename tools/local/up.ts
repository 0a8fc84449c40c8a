import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { dockerEngineAnswers, startMongoServer } from "@starter/testing/mongo-server";
import { startLocalIssuer } from "./local-issuer.ts";
import { LogRelay } from "./log-relay.ts";
import { ProcessGroup } from "./process-group.ts";
import { localServices } from "./services.ts";
import { waitReady } from "./wait-ready.ts";

/**
 * Runs the system locally. With a Docker engine: `docker compose up` on docker/compose.yaml (without
 * tokens). Without one: a local MongoDB-compatible server, a local token issuer and every service as a
 * process checking its tokens; prints a token per role. Ctrl-C stops everything.
 */
const repoRoot = join(import.meta.dirname, "../..");
const READY_TIMEOUT_MS = 30_000;

if (!process.env.MONGODB_URI && (await dockerEngineAnswers())) {
  const compose = spawn("docker", ["compose", "-f", join(repoRoot, "docker/compose.yaml"), "up", "--build"], {
    stdio: "inherit",
  });
  compose.once("exit", (code) => process.exit(code ?? 0));
} else {
  await runAsProcesses();
}

async function runAsProcesses(): Promise<void> {
  const relay = new LogRelay((text) => process.stdout.write(text));
  const database = await startMongoServer();
  const issuer = await startLocalIssuer();
  const group = new ProcessGroup((name, line) => relay.line(name, line));
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write("stopping (Ctrl-C again to kill everything at once) ...\n");
    await group.stop();
    await issuer[Symbol.asyncDispose]();
    await database.stop();
    process.exit(code);
  };
  // A second Ctrl-C while stopping kills what is left and still removes the local database's data.
  const stopNow = () => {
    group.killNow();
    database.stopNow?.();
    process.exit(130);
  };
  process.on("SIGINT", () => (stopping ? stopNow() : void stop(0)));
  process.on("SIGTERM", () => (stopping ? stopNow() : void stop(0)));

  const lines = [`${"database".padEnd(16)} ${database.description}`];
  const urls: string[] = [];
  try {
    for (const service of localServices(repoRoot)) {
      const child = group.start(service.name, process.execPath, [service.main], {
        PORT: String(service.port),
        HOST: "127.0.0.1",
        MONGODB_URI: database.uri,
        LOG_FORMAT: "pretty",
        ...issuer.envFor(service.name),
        ...service.env,
      });
      child.once("exit", (code) => {
        if (stopping) return;
        relay.flush();
        void stop(code ?? 1);
      });
      const url = `http://127.0.0.1:${service.port}`;
      await waitReady(`${url}/readyz`, READY_TIMEOUT_MS);
      lines.push(`${service.name.padEnd(16)} ${url}  (try: ${url}${service.tryPath})`);
      urls.push(url);
    }
  } catch (error) {
    relay.flush();
    process.stderr.write(`${(error as Error).message}\n`);
    await stop(1);
  }
  const tokens = await issuer.tokensFor(urls);
  const tokenLines = Object.entries(tokens).map(([role, token]) => `${role.padEnd(7)} ${token}`);
  const startLog = keepStartLog(relay.release());
  process.stdout.write(
    [
      "",
      "Running locally; Ctrl-C stops everything.",
      ...lines.map((line) => `  ${line}`),
      "",
      "Tokens (valid 12 h or until this run ends: the issuer's keys are made at start). Send one as",
      `  curl -H "Authorization: Bearer <token>" ${urls[0] ?? "http://127.0.0.1:3000"}/...`,
      "reader reads, writer also writes its own (dev-writer's) records, admin reaches everyone's:",
      ...tokenLines.map((line) => `  ${line}`),
      `Who still calls v1: tools/pnpm api-usage ${urls[0] ?? "http://127.0.0.1:3000"} --major 1 --token <admin>`,
      "",
      `The services' start-up lines are in ${startLog}; their logs follow.`,
      "",
    ].join("\n"),
  );
}

/** The lines of the start, kept out of the way of the URLs and tokens but not lost. */
function keepStartLog(held: readonly string[]): string {
  const file = ".local/dev-start.log";
  mkdirSync(join(repoRoot, ".local"), { recursive: true });
  writeFileSync(join(repoRoot, file), held.join(""));
  return file;
}
