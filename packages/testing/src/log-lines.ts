import { Writable } from "node:stream";

/** A log destination (pino's, the kit's `createLogger`) that keeps every JSON line it is given, parsed, in `lines`. */
export function logLinesInto(lines: Record<string, unknown>[]): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
}
