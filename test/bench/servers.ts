import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { serviceMain, stopProcess } from "../e2e/delivery-process.ts";
import { type InstructionCounter, instructionCounter, underCallgrind } from "./instructions/instruction-counter.ts";

/** A server under measurement: a process of its own on loopback, its output to /dev/null as in production. */
export type BenchServer = Readonly<{
  name: string;
  url: string;
  /** From spawning the process to the first 200 from /readyz. */
  readyMs: number;
  memory: () => Promise<{ peakRssMb: number; rssMb: number }>;
  /** User + system CPU time the process has used so far. */
  cpuSeconds: () => Promise<number>;
  /** With `instructionsDir`: counts what the process executes between start() and stop(). */
  instructions?: InstructionCounter;
  stop: () => Promise<void>;
}>;

export type BenchServerOptions = Readonly<{
  /** Write a V8 CPU profile of the whole process there when it stops (node --cpu-prof). */
  profileDir?: string | undefined;
  /** Run the process under valgrind's callgrind and keep its counts there (about fifty times slower). */
  instructionsDir?: string | undefined;
}>;

const READY_TIMEOUT_MS = 30_000;
const READY_TIMEOUT_UNDER_VALGRIND_MS = 300_000;
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * The migration example (delivery-legacy and the gateway) can be removed from a clone
 * (`tools/remove-migration-example`); its scenario then goes with it.
 */
export const HAS_MIGRATION_EXAMPLE = existsSync(join(import.meta.dirname, "../../services/gateway/package.json"));

export const ENTRY_POINTS = {
  template: serviceMain("delivery"),
  templateInMemory: join(import.meta.dirname, "servers/template-memory.ts"),
  legacy: serviceMain("delivery-legacy"),
  gateway: serviceMain("gateway"),
  limit: join(import.meta.dirname, "servers/limit.ts"),
  koaFloor: join(import.meta.dirname, "servers/koa-floor.ts"),
  peer: join(import.meta.dirname, "servers/peer.ts"),
} as const;

export async function startBenchServer(
  name: string,
  entry: string,
  env: Record<string, string>,
  options: BenchServerOptions = {},
): Promise<BenchServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const profile = options.profileDir
    ? ["--cpu-prof", `--cpu-prof-dir=${options.profileDir}`, `--cpu-prof-name=${name}.cpuprofile`]
    : [];
  const countsFile = options.instructionsDir && join(options.instructionsDir, `${name}-${port}.callgrind`);
  const [command = "", ...args] = countsFile
    ? underCallgrind(countsFile, process.execPath, [...profile, entry])
    : [process.execPath, ...profile, entry];
  const serverEnv = { PATH: process.env.PATH ?? "", HOST: "127.0.0.1", PORT: String(port), ...env };
  const child = spawn(command, args, { env: serverEnv, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  try {
    await untilReady(url, child, countsFile ? READY_TIMEOUT_UNDER_VALGRIND_MS : READY_TIMEOUT_MS);
  } catch (error) {
    child.kill("SIGKILL");
    throw new Error(`${name} did not become ready: ${(error as Error).message}\n${stderr}`);
  }
  return {
    name,
    url,
    readyMs: performance.now() - started,
    memory: () => memoryOf(child),
    cpuSeconds: () => cpuSecondsOf(child),
    ...(countsFile &&
      child.pid !== undefined && { instructions: instructionCounter(child.pid, serverEnv, countsFile) }),
    stop: () => stopProcess(child),
  };
}

async function untilReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}`);
    const status = await fetch(`${url}/readyz`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    await sleep(5);
  }
  throw new Error(`no 200 from /readyz within ${timeoutMs} ms`);
}

/** Linux's own account of the process: VmHWM is the peak resident set, VmRSS the current one. */
async function memoryOf(child: ChildProcess): Promise<{ peakRssMb: number; rssMb: number }> {
  const status = await readFile(`/proc/${child.pid}/status`, "utf8");
  const kilobytes = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN);
  return { peakRssMb: kilobytes("VmHWM") / 1024, rssMb: kilobytes("VmRSS") / 1024 };
}

/** Fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second on Linux). */
async function cpuSecondsOf(child: ChildProcess): Promise<number> {
  const stat = await readFile(`/proc/${child.pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}
