import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";

/** The built entry point of a service of the workspace. */
export function serviceMain(service: string): string {
  return join(import.meta.dirname, `../../services/${service}/dist/main.js`);
}

export const DELIVERY_MAIN = serviceMain("delivery");

/** Starts the built delivery service as production would, on a port it picks, and waits for its URL. */
export function startDeliveryProcess(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  return startServiceProcess("delivery", env);
}

/**
 * Starts a built service as production would, on a port it picks, and waits for its URL in the log.
 * Without authentication and without a limit on writes unless `env` says otherwise: tests about those
 * start an issuer or set a limit; the rest all write from one address.
 */
export async function startServiceProcess(
  service: string,
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [serviceMain(service)], {
    env: {
      PATH: process.env.PATH ?? "",
      PORT: "0",
      HOST: "127.0.0.1",
      AUTH_MODE: "off",
      RATE_LIMIT_WRITES: "0",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      // A process that never says where it listens is not left behind to outlive the test.
      child.kill("SIGKILL");
      reject(new Error(`no URL logged in time:\n${output}`));
    }, 20_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)"/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    // A refused configuration is said on stderr: kept, so the failure names the variable.
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once("exit", (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
  return { child, url };
}

/** Stops a process with SIGTERM, as an orchestrator would; one that has not exited 10 s later is killed. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Runs another entry point of a built service (a command) to its end; bounded. */
export async function runServiceCommand(
  service: string,
  entry: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(
    process.execPath,
    [join(import.meta.dirname, `../../services/${service}/dist/${entry}`), ...args],
    {
      // As its service's processes here: without authentication unless `env` says otherwise.
      env: { PATH: process.env.PATH ?? "", AUTH_MODE: "off", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  const [code] = (await once(child, "exit")) as [number | null];
  clearTimeout(timer);
  return { code, stdout, stderr };
}
