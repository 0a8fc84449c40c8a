import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";

/**
 * Child processes started together and stopped together (SIGTERM, then SIGKILL after a grace period, or
 * SIGKILL at once). Each one's output lines, stdout and stderr, go to `onLine`.
 */
export class ProcessGroup {
  readonly #children: { name: string; child: ChildProcess }[] = [];

  readonly #onLine: (name: string, line: string) => void;

  constructor(onLine: (name: string, line: string) => void) {
    this.#onLine = onLine;
  }

  start(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on("line", (line) => this.#onLine(name, line));
    }
    this.#children.push({ name, child });
    return child;
  }

  /** No grace: a second Ctrl-C. */
  killNow(): void {
    for (const { child } of this.#children)
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }

  async stop(graceMs = 10_000): Promise<void> {
    await Promise.all(
      this.#children.map(async ({ child }) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = once(child, "exit");
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
        await exited;
        clearTimeout(timer);
      }),
    );
  }
}
