import { Coordinator, recoverUnfinished } from "@starter/coordination";
import { coordinationMetrics } from "@starter/coordination/metrics";
import { MongoCoordinationJournal, MongoDriftStore } from "@starter/coordination/mongo";
import { authenticationOf } from "@starter/service-kit/auth";
import { apiInfoOf, createServiceApp } from "@starter/service-kit/http";
import type { Logger } from "@starter/service-kit/logging";
import type { Registry } from "@starter/service-kit/metrics";
import { isDatabaseUnavailableError } from "@starter/service-kit/mongo";
import type { RateLimitOptions } from "@starter/service-kit/rate-limits";
import type { Db } from "mongodb";
import { appOptions } from "./app.ts";
import { type Config, WRITE_ATTEMPTS } from "./config.ts";
import { deliveryParticipants } from "./migration/delivery-participants.ts";
import { deliverySides } from "./migration/delivery-sides.client.ts";
import { migrationReadMetrics } from "./migration/migration.metrics.ts";
import { MigrationReads } from "./migration/migration-reads.ts";
import { participantsReady } from "./migration/participants-ready.ts";
import { SideComparison } from "./migration/side-comparison.ts";
import { serviceAuthorizationOf } from "./service-token.ts";

const READINESS_TIMEOUT_MS = 1_000;

/**
 * The composition root: the coordinator with its journal and drift store, the reads, and the app. Built
 * once by main.ts (the reconciliation command builds its own coordinator from the same participants).
 */
export function composeGateway(options: {
  db: Db;
  config: Config;
  logger: Logger;
  ping: (ms: number) => Promise<boolean>;
  /** `false`: no metrics (METRICS_ENABLED=false). */
  metrics?: Registry | false;
  /** Each client's writes limited (`runService` makes it from RATE_LIMIT_*); none: no limit. */
  rateLimit?: RateLimitOptions | undefined;
}) {
  const { db, config, logger } = options;
  const sides = deliverySides({ legacyUrl: config.LEGACY_URL, newUrl: config.DELIVERY_URL });
  const retryPolicy = {
    maxAttempts: WRITE_ATTEMPTS,
    baseDelayMs: 100,
    maxDelayMs: 2_000,
    timeoutMs: config.PARTICIPANT_TIMEOUT_MS,
    retryStatuses: [409, 502, 503, 504],
  };
  const serviceAuthorization = serviceAuthorizationOf(config);
  const journal = new MongoCoordinationJournal(db, { retentionMs: config.JOURNAL_RETENTION_MS });
  const driftStore = new MongoDriftStore(db);
  const { metrics } = options;
  const coordinator = new Coordinator({
    participants: deliveryParticipants(sides),
    driftStore,
    ...(metrics && { observer: coordinationMetrics(metrics, driftStore) }),
    journal,
    log: logger,
    retryPolicy,
    deadlineMs: config.REQUEST_DEADLINE_MS,
    ...(serviceAuthorization && { serviceAuthorization }),
  });
  const split = { newPercent: config.READ_NEW_PERCENT, onlyFrom: config.READ_ONLY_FROM };
  const observer = metrics ? migrationReadMetrics(metrics) : undefined;
  const reads = new MigrationReads({ sides, split, shadowReads: config.SHADOW_READS, observer }, logger, retryPolicy);
  const comparison = new SideComparison({ sides, serviceAuthorization, observer }, logger, retryPolicy);
  const deps = {
    logger,
    ...(metrics !== undefined && { metrics }),
    coordinator,
    reads,
    comparison,
    requestDeadlineMs: config.REQUEST_DEADLINE_MS,
    apiInfo: apiInfoOf(config),
    ready: async () =>
      (await options.ping(READINESS_TIMEOUT_MS)) &&
      (await participantsReady({ legacyUrl: config.LEGACY_URL, newUrl: config.DELIVERY_URL }, READINESS_TIMEOUT_MS)),
    isUnavailable: isDatabaseUnavailableError,
    auth: authenticationOf(config, "gateway"),
    rateLimit: options.rateLimit,
    limits: { bodyLimitBytes: config.BODY_LIMIT_BYTES, jsonMaxDepth: config.JSON_MAX_DEPTH },
  };
  const built = appOptions(deps);
  return {
    app: createServiceApp(built),
    /** What the app is built from (the contract gate reads the documents from it). */
    appOptions: built,
    /** Finishes, reverts or records as drift the coordinations a crashed gateway left part-way. */
    recover: () => recoverUnfinished(coordinator, journal, { settleMs: config.RECOVERY_SETTLE_MS, log: logger }),
    /** Deletes finished journal entries past their retention (where the database has no TTL indexes). */
    deleteExpired: () => journal.deleteExpired(new Date()),
    /** Waits for the journal writes the answers did not wait for: after the last request, before the database closes. */
    settle: () => coordinator.settle(),
    /** Compares a sample of ids on both sides. */
    compare: () => comparison.compareSample(config.COMPARE_SAMPLE_SIZE, "periodic-comparison"),
  };
}
