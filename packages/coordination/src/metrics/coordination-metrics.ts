import { Gauge, Histogram, type Registry } from "prom-client";
import type { CoordinationObserver } from "../coordinator-options.ts";
import type { DriftStore } from "../drift-store.ts";

/** From a few milliseconds (both sides local) to the 30 s a coordination may take by default. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * The coordinations' series: each one by outcome (committed, reverted, precondition_failed, unknown, drift) with
 * its duration, and the drifts still open (read from the drift store when scraped, so every instance
 * reports the same number). Returns the observer to give the Coordinator.
 */
export function coordinationMetrics(registry: Registry, drifts: DriftStore): CoordinationObserver {
  const duration = new Histogram({
    name: "coordination_duration_seconds",
    help: "Coordinated writes by outcome (committed, reverted, precondition_failed, unknown: left to recovery, drift), with their duration.",
    labelNames: ["outcome"],
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  new Gauge({
    name: "coordination_drifts_open",
    help: "Drifts recorded and not yet repaired: sides that disagree until someone reconciles them.",
    registers: [registry],
    async collect() {
      this.set(await drifts.countOpen());
    },
  });
  return { finished: (outcome, seconds) => duration.observe({ outcome }, seconds) };
}
