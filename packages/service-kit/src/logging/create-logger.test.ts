import { execFile, spawn } from "node:child_process";
import { Writable } from "node:stream";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { createLogger } from "./create-logger.ts";

function capture(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, stream };
}

describe("createLogger", () => {
  it("When a line carries credentials, then they are redacted and the rest is kept, as one JSON line", () => {
    const { lines, stream } = capture();
    const logger = createLogger({ name: "svc", level: "info", format: "json", destination: stream });

    logger.child({ requestId: "r-1" }).info({ req: { headers: { authorization: "Bearer s3cr3t", host: "x" } } }, "hi");

    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] ?? "");
    expect(line).toMatchObject({ name: "svc", requestId: "r-1", msg: "hi", req: { headers: { host: "x" } } });
    expect(line.req.headers.authorization).toBe("[Redacted]");
    expect(lines[0]).not.toContain("s3cr3t");
  });

  it("When the level is warn, then info lines are not written", () => {
    const { lines, stream } = capture();
    const logger = createLogger({ name: "svc", level: "warn", format: "json", destination: stream });

    logger.info("quiet");
    logger.warn("loud");

    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(["loud"]);
  });

  it("When the process exits right after logging, then every line is on stdout", async () => {
    const script = `
      import { createLogger } from ${JSON.stringify(`${import.meta.dirname}/create-logger.ts`)};
      const logger = createLogger({ name: "svc", level: "info", format: "json" });
      for (let i = 0; i < 500; i++) logger.info({ i }, "line");
      process.exit(0);`;
    const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script]);

    const numbers = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line).i);
    expect(numbers).toEqual(Array.from({ length: 500 }, (_, i) => i));
  });

  it("When one line is logged and the process goes on, then the line is on stdout without waiting for more", async () => {
    // Far fewer bytes than a batch: only the periodic flush can write it while the process lives.
    const script = `
      import { createLogger } from ${JSON.stringify(`${import.meta.dirname}/create-logger.ts`)};
      createLogger({ name: "svc", level: "info", format: "json" }).info("alone");
      setTimeout(() => {}, 60_000);`;
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no line on stdout within 10 s")), 10_000);
        child.stdout.once("data", (chunk: Buffer) => {
          clearTimeout(timer);
          resolve(String(chunk));
        });
      });
      expect(JSON.parse(line)).toMatchObject({ name: "svc", msg: "alone" });
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("When the process dies of an uncaught exception right after logging, then the line is on stdout", async () => {
    const script = `
      import { createLogger } from ${JSON.stringify(`${import.meta.dirname}/create-logger.ts`)};
      createLogger({ name: "svc", level: "info", format: "json" }).error("last words");
      throw new Error("boom");`;
    const result = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script]).then(
      () => ({ stdout: "", code: 0 }),
      (error: { stdout: string; code: number }) => error,
    );

    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout.trim())).toMatchObject({ msg: "last words" });
  });
});
