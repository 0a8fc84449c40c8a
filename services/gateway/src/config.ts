import {
  integerFromEnv,
  loadConfig,
  logFormatFromEnv,
  logLevelFromEnv,
  mongoUriFromEnv,
  portFromEnv,
} from "@starter/service-kit/config";
import { z } from "zod";

const serviceUrl = z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, ""));

/** The only reader of the environment. Parsed once at start; a bad variable stops the start, by name. */
const configSchema = z.object({
  PORT: portFromEnv.default(3002),
  HOST: z.string().min(1).default("0.0.0.0"),
  /** The service being replaced (version 1 contract). */
  LEGACY_URL: serviceUrl,
  /** The new service (version 2 contract). */
  DELIVERY_URL: serviceUrl,
  /** The gateway's own database: the drift store (and, later, the coordination journal). */
  MONGODB_URI: mongoUriFromEnv,
  MONGODB_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,63}$/, "must be a database name")
    .default("gateway"),
  /** Share of reads served by the new service, by a stable hash of the id. */
  READ_NEW_PERCENT: integerFromEnv({ min: 0, max: 100 }).default(0),
  /** Kill switch: send every read to one side, whatever the percentage says. */
  READ_ONLY_FROM: z.enum(["none", "legacy", "new"]).default("none"),
  /** Also read the other side and count mismatches, without changing the answer. */
  SHADOW_READS: z
    .enum(["true", "false"])
    .default("false")
    .transform((flag) => flag === "true"),
  /** How old an unfinished coordination must be before recovery takes it over (its caller is gone). */
  RECOVERY_SETTLE_MS: integerFromEnv({ min: 100, max: 600_000 }).default(15_000),
  RECOVERY_INTERVAL_MS: integerFromEnv({ min: 100, max: 600_000 }).default(5_000),
  PARTICIPANT_TIMEOUT_MS: integerFromEnv({ min: 100, max: 60_000 }).default(5_000),
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
