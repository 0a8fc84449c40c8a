import { trace } from "@opentelemetry/api";
import { type DestinationStream, type Logger, pino } from "pino";

export type { Logger } from "pino";

export type LoggerOptions = {
  readonly name: string;
  readonly level: string;
  readonly format: "json" | "pretty";
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
 * Production lines are written to stdout synchronously, not with pino's asynchronous default: on the
 * benchmark (test/bench) handing each line to the thread pool cost about a tenth of a GET's CPU, a direct
 * write almost nothing, and no line waits in a buffer when the process dies.
 */
export function createLogger(options: LoggerOptions): Logger {
  const base = { name: options.name, level: options.level, redact: REDACTED_PATHS, mixin: traceIds };
  if (options.format === "pretty") {
    return pino({
      ...base,
      transport: { target: "pino-pretty", options: { translateTime: "SYS:HH:MM:ss.l", singleLine: true } },
    });
  }
  return pino(base, options.destination ?? pino.destination({ dest: 1, sync: true }));
}

/** The ids of the span a line is written in, so a log line leads to its trace (none when tracing is off). */
function traceIds(): { trace_id?: string; span_id?: string } {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}
