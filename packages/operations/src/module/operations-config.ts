import { integerFromEnv } from "@starter/service-kit/config";

/**
 * The variables of the long operations, spread into a service's own (`defineService({ config: { variables:
 * { ...operationsConfig } } })`). Defaults follow the contract: finished operations and Idempotency-Keys are
 * kept 24 hours.
 */
export const operationsConfig = {
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
  EXPIRY_SWEEP_INTERVAL_MS: integerFromEnv({ min: 100, max: 3_600_000 }).default(60_000),
};

export type OperationsConfig = Readonly<{ [Name in keyof typeof operationsConfig]: number }>;
