import { trace } from "@opentelemetry/api";
import { type DestinationStream, type Logger, pino } from "pino";
import type { BuildInfo } from "../config/index.ts";

export type { Logger } from "pino";

export type LoggerOptions = {
  readonly name: string;
  readonly level: string;
  readonly format: "json" | "pretty";
  /** On every line as `version` and `commit`, beside `name`: which build wrote it. */
  readonly build?: BuildInfo;
  /** Where the lines go; stdout when absent. Tests pass a stream of their own. */
  readonly destination?: DestinationStream;
};

/** Secrets that must never reach a log line, wherever they appear in a logged object. */
const REDACTED_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-api-key"]',
  "*.password",
  "*.secret",
  "*.token",
];

/**
 * JSON lines in production; pino-pretty (in a worker thread, off the request path) for people in dev.
 * Production lines are written to stdout by the process itself, a few KiB at a time: measured on the
 * benchmark's in-memory mode, one write per line was a tenth of a PUT's CPU, and pino's asynchronous
 * default (the thread pool) cost more than that when the load is light. See `stdoutDestination`.
 */
export function createLogger(options: LoggerOptions): Logger {
  const base = { name: options.name, level: options.level, redact: REDACTED_PATHS, mixin: traceIds };
  const logger =
    options.format === "pretty"
      ? pino({
          ...base,
          transport: { target: "pino-pretty", options: { translateTime: "SYS:HH:MM:ss.l", singleLine: true } },
        })
      : pino(base, options.destination ?? stdoutDestination());
  // A child, not `base` (which would drop pino's pid and hostname); its bindings are serialized once, not per line.
  return options.build ? logger.child({ version: options.build.version, commit: options.build.commit }) : logger;
}

const BATCH_BYTES = 4_096;
const MAX_WAIT_MS = 100;
let stdout: DestinationStream | undefined;

/**
 * One for the process, however many loggers it makes. Lines are collected until there are BATCH_BYTES of
 * them, or for MAX_WAIT_MS at most, then written synchronously; whatever is left is written when the
 * process exits (process.exit, an uncaught exception, the end of the event loop). Only a process killed
 * outright (SIGKILL, the OOM killer) loses its last lines, at most MAX_WAIT_MS of them.
 */
function stdoutDestination(): DestinationStream {
  if (stdout) return stdout;
  const stream = pino.destination({ dest: 1, sync: true, minLength: BATCH_BYTES, periodicFlush: MAX_WAIT_MS });
  process.once("exit", () => stream.flushSync());
  stdout = stream;
  return stream;
}

/**
 * The ids of the recorded span a line is written in, so a log line leads to its trace. None when tracing is
 * off or the request was not sampled: no trace of it is kept, and its request id already ties its lines
 * together across the services.
 */
function traceIds(): { trace_id?: string; span_id?: string } {
  const span = trace.getActiveSpan();
  if (!span?.isRecording()) return {};
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}
