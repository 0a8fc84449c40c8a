import { execFile } from "node:child_process";
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
});
