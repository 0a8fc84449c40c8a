import { spawn } from "node:child_process";
import { join } from "node:path";
import { dockerEngineAnswers, startMongoServer } from "@starter/testing/mongo-server";
import { ProcessGroup } from "./process-group.ts";
import { localServices } from "./services.ts";
import { waitReady } from "./wait-ready.ts";

/**
 * Runs the system locally. With a Docker engine: `docker compose up` on docker/compose.yaml. Without
 * one: a local MongoDB-compatible server and every service as a process. Ctrl-C stops everything.
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
  const database = await startMongoServer();
  const group = new ProcessGroup();
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await group.stop();
    await database.stop();
    process.exit(code);
  };
  process.once("SIGINT", () => void stop(0));
  process.once("SIGTERM", () => void stop(0));

  const lines = [`${"database".padEnd(16)} ${database.description}`];
  try {
    for (const service of localServices(repoRoot)) {
      const child = group.start(service.name, process.execPath, [service.main], {
        PORT: String(service.port),
        HOST: "127.0.0.1",
        MONGODB_URI: database.uri,
        LOG_FORMAT: "pretty",
        ...service.env,
      });
      child.once("exit", (code) => void (stopping || stop(code ?? 1)));
      const url = `http://127.0.0.1:${service.port}`;
      await waitReady(`${url}/readyz`, READY_TIMEOUT_MS);
      lines.push(`${service.name.padEnd(16)} ${url}  (try: ${url}${service.tryPath})`);
    }
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    await stop(1);
  }
  process.stdout.write(`\nRunning locally; Ctrl-C stops everything.\n${lines.map((l) => `  ${l}`).join("\n")}\n\n`);
}
