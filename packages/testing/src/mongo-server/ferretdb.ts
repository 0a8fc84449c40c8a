import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { goTool } from "../go-tool.ts";
import type { MongoServer } from "./mongo-server.ts";

const STARTUP_TIMEOUT_MS = 30_000;

/**
 * FerretDB v1 (embedded SQLite backend) runs with options it needs: it has no retryable writes, and
 * bounded timeouts keep a test from hanging on a stopped server.
 */
const FERRETDB_URI_OPTIONS = "retryWrites=false&serverSelectionTimeoutMS=5000&socketTimeoutMS=30000";

/** Our own tiny Go main around FerretDB's embeddable package (tools/ferretdb). */
export function ferretDbBinary(): Promise<string> {
  return goTool("ferretdb");
}

/** Starts FerretDB on a free loopback port, its data in a temp folder that `stop()` removes. */
export async function startFerretDb(): Promise<MongoServer> {
  const binary = await ferretDbBinary();
  const dataDir = await mkdtemp(join(tmpdir(), "ferretdb-"));
  const child = spawn(binary, ["-listen", "127.0.0.1:0", "-data", dataDir], { stdio: ["ignore", "pipe", "inherit"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    child.kill("SIGTERM");
    await exited;
    await rm(dataDir, { recursive: true, force: true });
  };
  // Removing the files of a killed process is safe: nothing writes them any more, whenever it exits.
  const stopNow = () => {
    child.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const printed = await firstLine(child.stdout, STARTUP_TIMEOUT_MS);
    const uri = `${printed}?${FERRETDB_URI_OPTIONS}`;
    return {
      uri,
      kind: "ferretdb",
      description: `local FerretDB v1.24.2 (SQLite) at ${uri}, no Docker engine answered`,
      stop,
      stopNow,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function firstLine(stream: NodeJS.ReadableStream, timeoutMs: number): Promise<string> {
  const lines = createInterface({ input: stream });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("FerretDB did not print its URI in time")), timeoutMs);
    lines.once("line", (line) => {
      clearTimeout(timer);
      resolve(line.trim());
    });
    lines.once("close", () => reject(new Error("FerretDB exited before printing its URI")));
  });
}
