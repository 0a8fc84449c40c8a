import { execFile, spawnSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { type CountedInstructions, countedInstructions } from "./callgrind-output.ts";

const run = promisify(execFile);

/** valgrind's callgrind and its vgdb, which turns counting on and off in a running process, are on PATH. */
export function valgrindAvailable(): boolean {
  return ["valgrind", "vgdb"].every((tool) => spawnSync(tool, ["--help"]).error === undefined);
}

/**
 * V8's garbage collection under valgrind, set as it runs in a loaded server at full speed. Left to itself,
 * V8 sizes the young generation and starts some collections by the clock (its memory reducer collects in a
 * process that seems to allocate slowly, as every process fifty times slower does), and two processes of
 * one build counted up to a tenth apart. With the young generation at the largest size V8 gives it on this
 * machine (two semi-spaces of 32 MB), no memory reducer and the collector's work on the main thread, they
 * counted within 1-2 %.
 */
const GARBAGE_COLLECTION_AS_UNDER_LOAD = [
  "--min-semi-space-size=32",
  "--max-semi-space-size=32",
  "--no-memory-reducer",
  "--single-threaded-gc",
];

/** The command that runs `node <args>` under callgrind, counting nothing until asked. */
export function underCallgrind(outFile: string, node: string, args: readonly string[]): string[] {
  return [
    "valgrind",
    "--tool=callgrind",
    "--instr-atstart=no",
    // V8 writes and rewrites machine code in memory: callgrind must notice, or it runs stale translations.
    "--smc-check=all-non-file",
    "--compress-strings=no",
    "--compress-pos=no",
    `--callgrind-out-file=${outFile}`,
    node,
    ...GARBAGE_COLLECTION_AS_UNDER_LOAD,
    ...args,
  ];
}

/** What was counted, and over how many seconds of the clock (to take out what the process does when idle). */
export type CountedStretch = CountedInstructions & Readonly<{ seconds: number }>;

export type InstructionCounter = Readonly<{
  start: () => Promise<void>;
  stop: () => Promise<CountedStretch>;
}>;

/**
 * Counts the instructions a process under callgrind executes between start() and stop(), in every thread
 * and in user space (the kernel's work for its sockets is not counted). vgdb finds the process by its pid,
 * user and `HOST`, so it runs with the process's own environment.
 */
export function instructionCounter(pid: number, env: NodeJS.ProcessEnv, outFile: string): InstructionCounter {
  let dumps = 0;
  let started = 0;
  const monitor = (...command: string[]) => run("vgdb", [`--pid=${pid}`, ...command], { env });
  return {
    start: async () => {
      await monitor("zero");
      await monitor("instrumentation", "on");
      started = performance.now();
    },
    stop: async () => {
      await monitor("instrumentation", "off");
      const seconds = (performance.now() - started) / 1_000;
      await monitor("dump");
      dumps += 1;
      return { ...countedInstructions(await readFile(`${outFile}.${dumps}`, "utf8")), seconds };
    },
  };
}
