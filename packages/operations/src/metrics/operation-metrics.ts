import { Counter, Gauge, type Registry } from "prom-client";
import type { OperationRepository } from "../operation.repository.ts";
import type { WorkerObserver } from "../operation-worker.ts";

/**
 * The long operations' series: how many there are in each state and how long the oldest pending one has
 * waited (read from the database when scraped, so every instance reports the same backlog), and, per
 * worker, its claims (a claim after the first is a re-claim: a crashed or stopped worker's operation
 * taken over) and the leases it lost. Returns the observer to give the worker.
 */
export function operationMetrics(registry: Registry, operations: OperationRepository): WorkerObserver {
  const registers = [registry];
  new Gauge({
    name: "operations",
    help: "Long operations by state (finished ones until their retention ends).",
    labelNames: ["state"],
    registers,
    async collect() {
      const { byStatus } = await operations.backlog();
      for (const [state, count] of Object.entries(byStatus)) this.set({ state }, count);
    },
  });
  new Gauge({
    name: "operations_oldest_pending_age_seconds",
    help: "How long the oldest pending operation has waited for a worker; 0 when none waits.",
    registers,
    async collect() {
      const { oldestPendingSince } = await operations.backlog();
      this.set(oldestPendingSince ? (Date.now() - oldestPendingSince.getTime()) / 1_000 : 0);
    },
  });
  const claims = new Counter({
    name: "operation_claims_total",
    help: "Operations claimed by this instance's worker: first claims, and re-claims after a lease ran out.",
    labelNames: ["kind", "claim"],
    registers,
  });
  const leasesLost = new Counter({
    name: "operation_leases_lost_total",
    help: "Leases this instance's worker found taken over by another claim while it worked.",
    labelNames: ["kind"],
    registers,
  });
  return {
    claimed: (operation) => claims.inc({ kind: operation.kind, claim: operation.attempt > 1 ? "reclaim" : "first" }),
    leaseLost: (operation) => leasesLost.inc({ kind: operation.kind }),
  };
}
