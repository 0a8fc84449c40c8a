import { spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { MeasuredLoad } from "../report.ts";
import type { BenchServer } from "../servers.ts";
import type { LoadJob, LoadResult } from "./load.ts";

const LOAD_TIMEOUT_MS = 300_000;

/**
 * Runs one load process; the server's CPU time (or its instructions) is taken around the measured part only.
 * `idleInstructionsPerSecond`: what the server executes with no request (its timers), taken out of a count
 * for the seconds it lasted. Under valgrind a request lasts some fifty times longer, and so would its share.
 */
export async function runLoad(job: LoadJob, server: BenchServer, idleInstructionsPerSecond = 0): Promise<MeasuredLoad> {
  const child = spawn(process.execPath, [join(import.meta.dirname, "load.ts"), JSON.stringify(job)], {
    stdio: ["pipe", "pipe", "inherit"],
    timeout: LOAD_TIMEOUT_MS * (job.waitBeforeMeasuring ? 4 : 1),
  });
  const exited = once(child, "close") as Promise<[number | null, NodeJS.Signals | null]>;
  let cpuBefore: Promise<number> | undefined;
  let result: LoadResult | undefined;
  let cpuAfter: Promise<number> | undefined;
  let instructions: number | undefined;
  for await (const line of createInterface({ input: child.stdout })) {
    if (line === "measuring") {
      cpuBefore = server.cpuSeconds();
      if (job.waitBeforeMeasuring) {
        await server.instructions?.start();
        child.stdin.end("go\n");
      }
    } else if (line.startsWith("{")) {
      cpuAfter = server.cpuSeconds();
      const counted = await server.instructions?.stop();
      if (counted?.total === 0) throw new Error("callgrind counted nothing: counting was not turned on");
      instructions = counted && counted.total - counted.compiling - idleInstructionsPerSecond * counted.seconds;
      result = JSON.parse(line) as LoadResult;
    }
  }
  const [code, signal] = await exited;
  if (!result || !cpuBefore || !cpuAfter) {
    throw new Error(`the load process ended without a result (exit ${code ?? signal}); its errors are above`);
  }
  const cpuSeconds = (await cpuAfter) - (await cpuBefore);
  return {
    ...result,
    serverCpuMsPerRequest: (cpuSeconds * 1_000) / result.requests,
    ...(instructions !== undefined && { serverInstructionsPerRequest: instructions / result.requests }),
  };
}
