import { Coordinator, recoverUnfinished } from "@starter/coordination";
import { coordinationMetrics } from "@starter/coordination/metrics";
import { createJournalIndexes, MongoCoordinationJournal, MongoDriftStore } from "@starter/coordination/mongo";
import { periodic } from "@starter/service-kit/lifecycle";
import type { ModuleContext, ServiceModule } from "@starter/service-kit/service";
import { type Config, WRITE_ATTEMPTS } from "../config.ts";
import { errorMap } from "../error-map.ts";
import { serviceAuthorizationOf } from "../service-token.ts";
import { deliveryParticipants } from "./delivery-participants.ts";
import { deliverySides } from "./delivery-sides.client.ts";
import { migrationReadMetrics } from "./migration.metrics.ts";
import { migrationRoutes } from "./migration.routes.ts";
import { MigrationReads } from "./migration-reads.ts";
import { migrationStatsRoute } from "./migration-stats.route.ts";
import { participantsReady } from "./participants-ready.ts";
import { SideComparison } from "./side-comparison.ts";

const READINESS_TIMEOUT_MS = 1_000;

/**
 * The migration as a module: the coordinator with its journal and drift store, the read split, the
 * periodic comparison, their routes, and the background work (recovery, the journal's expiry, the
 * comparison). Ready when its own database and both services answer.
 */
export function migrationModule({ config, db, logger, metrics }: ModuleContext<Config>): ServiceModule {
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
  let journalExpiresByTtl = true;
  const every = (name: string, task: () => Promise<unknown>, intervalMs: number) => () =>
    periodic(name, task, { intervalMs, log: logger });
  return {
    name: "migration",
    indexes: async () => {
      ({ expiresByTtl: journalExpiresByTtl } = await createJournalIndexes(db));
      logger.info({ journalExpiresByTtl }, "journal indexes ready");
    },
    routes: [
      ...migrationRoutes({ coordinator, reads, requestDeadlineMs: config.REQUEST_DEADLINE_MS }),
      migrationStatsRoute({ reads, comparison }),
    ],
    errors: errorMap,
    // Passed on to both services with the client's token: there it reaches every owner's deliveries.
    scopes: { "deliveries:admin": "Reach every owner's deliveries" },
    background: [
      // Stopped after the HTTP server and before MongoDB: the last answers' journal writes are not cut off.
      { name: "journal writes", start: async () => ({ value: undefined, stop: () => coordinator.settle() }) },
      {
        name: "coordination recovery",
        start: every(
          "recover unfinished coordinations",
          () => recoverUnfinished(coordinator, journal, { settleMs: config.RECOVERY_SETTLE_MS, log: logger }),
          config.RECOVERY_INTERVAL_MS,
        ),
      },
      {
        name: "expiry sweeper",
        start: async () =>
          journalExpiresByTtl
            ? { value: undefined, stop: async () => {} }
            : every(
                "delete expired journal entries",
                () => journal.deleteExpired(new Date()),
                config.EXPIRY_SWEEP_INTERVAL_MS,
              )(),
      },
      ...(config.COMPARE_INTERVAL_MS > 0
        ? [
            {
              name: "periodic comparison",
              start: every(
                "compare both sides",
                () => comparison.compareSample(config.COMPARE_SAMPLE_SIZE, "periodic-comparison"),
                config.COMPARE_INTERVAL_MS,
              ),
            },
          ]
        : []),
    ],
    ready: () => participantsReady({ legacyUrl: config.LEGACY_URL, newUrl: config.DELIVERY_URL }, READINESS_TIMEOUT_MS),
  };
}
