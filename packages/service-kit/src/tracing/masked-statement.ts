import { trace } from "@opentelemetry/api";

/** What the driver adds to every command (session, cluster time, database...): the same on every span. */
const DRIVER_FIELDS = new Set([
  "lsid",
  "$clusterTime",
  "$db",
  "$readPreference",
  "txnNumber",
  "autocommit",
  "startTransaction",
  "readConcern",
  "writeConcern",
  "apiVersion",
  "apiStrict",
  "apiDeprecationErrors",
]);

/**
 * A MongoDB command span's `db.query.text`: the command's shape with `?` for every value, never a client's
 * data, and without the fields the driver adds to every command. The instrumentation asks for it before
 * the span exists, for every command: in a trace that is not recorded the span is dropped, so nothing is
 * serialised for it (most requests, when one trace in ten is recorded).
 */
export function maskedStatement(command: Record<string, unknown>): string {
  if (!trace.getActiveSpan()?.isRecording()) return "";
  const shown: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(command)) if (!DRIVER_FIELDS.has(field)) shown[field] = value;
  return JSON.stringify(shown, maskValue);
}

function maskValue(_key: string, value: unknown): unknown {
  return typeof value === "object" && value !== null ? value : "?";
}
