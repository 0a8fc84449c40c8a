import { z } from "zod";
import { integerFromEnv, logFormatFromEnv, logLevelFromEnv, mongoUriFromEnv, portFromEnv } from "./env-schemas.ts";

/**
 * The variables every service reads, with its own defaults for port and database. A service spreads this
 * shape into its own schema and adds what is its own.
 */
export function serviceConfigShape(defaults: { port: number; dbName: string; jsonMaxDepth?: number }) {
  return {
    PORT: portFromEnv.default(defaults.port),
    HOST: z.string().min(1).default("0.0.0.0"),
    MONGODB_URI: mongoUriFromEnv,
    MONGODB_DB: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,63}$/, "must be a database name")
      .default(defaults.dbName),
    /** How fast an unreachable database becomes a 503 instead of a hanging request. */
    MONGODB_SERVER_SELECTION_TIMEOUT_MS: integerFromEnv({ min: 100, max: 60_000 }).default(2_000),
    LOG_LEVEL: logLevelFromEnv.default("info"),
    LOG_FORMAT: logFormatFromEnv.default("json"),
    BODY_LIMIT_BYTES: integerFromEnv({ min: 1_024, max: 10_485_760 }).default(65_536),
    /** How deep a request body may nest: deeper is a 400 before any handler sees it. */
    JSON_MAX_DEPTH: integerFromEnv({ min: 2, max: 64 }).default(defaults.jsonMaxDepth ?? 16),
    SHUTDOWN_GRACE_MS: integerFromEnv({ min: 0, max: 120_000 }).default(10_000),
  };
}

export type ServiceConfig = Readonly<z.output<z.ZodObject<ReturnType<typeof serviceConfigShape>>>>;
