import { DELIVERY_API_VERSIONS } from "@starter/contracts/versions";
import { integerFromEnv, loadConfig, serviceConfigRules, serviceConfigShape } from "@starter/service-kit/config";
import { versionRegistryFromEnv } from "@starter/service-kit/versions";
import { z } from "zod";

/** The only reader of the environment. Parsed once at start; a bad variable stops the start, by name. */
const configSchema = z
  .object({
    ...serviceConfigShape({ port: 3000, dbName: "delivery" }),
    API_VERSION_STATES: versionRegistryFromEnv(DELIVERY_API_VERSIONS),
    /** The slow part of a dispatch; tests and demos hold operations open with it. */
    DISPATCH_DURATION_MS: integerFromEnv({ min: 0, max: 600_000 }).default(2_000),
    OPERATION_LEASE_MS: integerFromEnv({ min: 100, max: 600_000 }).default(10_000),
    WORKER_POLL_INTERVAL_MS: integerFromEnv({ min: 10, max: 60_000 }).default(500),
    /** How long finished operations stay readable: the contract promises at least 24 hours. */
    OPERATION_RETENTION_MS: integerFromEnv({ min: 1_000, max: 2_592_000_000 }).default(86_400_000),
    /** How long an Idempotency-Key is remembered (the contract's default: 24 hours). */
    IDEMPOTENCY_KEY_TTL_MS: integerFromEnv({ min: 1_000, max: 2_592_000_000 }).default(86_400_000),
    /** How long a key whose request is in flight holds before a retry may take it over (its process may have died). */
    IDEMPOTENCY_LOCK_MS: integerFromEnv({ min: 100, max: 3_600_000 }).default(60_000),
    /** How long a retry waits for the first request with its key while that one runs, without `Prefer: wait=N`. */
    IDEMPOTENCY_WAIT_SECONDS: integerFromEnv({ min: 0, max: 300 }).default(5),
    /** The most a retry waits for it, whatever it prefers (each waiting request holds a connection and polls). */
    IDEMPOTENCY_MAX_WAIT_SECONDS: integerFromEnv({ min: 0, max: 300 }).default(30),
    /**
     * `optional` processes a dispatch without a key too, unprotected against retries: for clients that cannot
     * send one, and how the benchmark measures what the key costs.
     */
    DISPATCH_IDEMPOTENCY_KEY: z.enum(["required", "optional"]).default("required"),
    EXPIRY_SWEEP_INTERVAL_MS: integerFromEnv({ min: 100, max: 3_600_000 }).default(60_000),
  })
  .superRefine(serviceConfigRules);

export type Config = Readonly<z.output<typeof configSchema>>;

export function readConfig(env: Readonly<Record<string, string | undefined>>): Config {
  return loadConfig(configSchema, env);
}
