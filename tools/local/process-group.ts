import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";

/** Child processes started together and stopped together (SIGTERM, then SIGKILL after a grace period). */
export class ProcessGroup {
  readonly #children: { name: string; child: ChildProcess }[] = [];

  start(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "inherit", "inherit"] });
    this.#children.push({ name, child });
    return child;
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
