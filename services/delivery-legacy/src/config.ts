import {
  integerFromEnv,
  loadConfig,
  logFormatFromEnv,
  logLevelFromEnv,
  mongoUriFromEnv,
  portFromEnv,
} from "@starter/service-kit/config";
import { z } from "zod";

/** The only reader of the environment. Parsed once at start; a bad variable stops the start, by name. */
const configSchema = z.object({
  PORT: portFromEnv.default(3001),
  HOST: z.string().min(1).default("0.0.0.0"),
  MONGODB_URI: mongoUriFromEnv,
  MONGODB_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,63}$/, "must be a database name")
    .default("delivery_legacy"),
  MONGODB_SERVER_SELECTION_TIMEOUT_MS: integerFromEnv({ min: 100, max: 60_000 }).default(2_000),
  LOG_LEVEL: logLevelFromEnv.default("info"),
  LOG_FORMAT: logFormatFromEnv.default("json"),
  BODY_LIMIT_BYTES: integerFromEnv({ min: 1_024, max: 10_485_760 }).default(65_536),
  SHUTDOWN_GRACE_MS: integerFromEnv({ min: 0, max: 120_000 }).default(10_000),
});

export type Config = Readonly<z.output<typeof configSchema>>;

export function readConfig(env: Readonly<Record<string, string | undefined>>): Config {
  return loadConfig(configSchema, env);
}
