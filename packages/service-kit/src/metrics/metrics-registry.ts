import { collectDefaultMetrics, Gauge, Registry } from "prom-client";
import type { BuildInfo } from "../config/index.ts";

export type { Registry } from "prom-client";

/**
 * The registry a service's metrics live on, served as Prometheus text at `/metrics`. One per process in a
 * service (a declared service makes it, with Node's runtime metrics: event loop lag, heap, GC, handles, and
 * `build_info`); the tests' apps get one each, so their counts never mix. A declared service's series all carry
 * `deployment_track` and `service_version`: a canary is told apart in any query.
 */
export function createMetricsRegistry(options: {
  runtime: boolean;
  build?: BuildInfo;
  /** The rollout track (DEPLOYMENT_TRACK): with the build's version, a label on every series. */
  track?: string;
}): Registry {
  const registry = new Registry();
  if (options.track && options.build) {
    registry.setDefaultLabels({ deployment_track: options.track, service_version: options.build.version });
  }
  if (options.runtime) collectDefaultMetrics({ register: registry });
  if (options.build) buildInfoGauge(registry, options.build);
  return registry;
}

/**
 * Always 1, labelled with the build (Prometheus's `*_build_info` convention): joined onto another series
 * (`* on(instance) group_left(version) build_info`), it says which build served it; a dashboard shows a
 * rollout as two versions side by side.
 */
function buildInfoGauge(registry: Registry, build: BuildInfo): void {
  const gauge = new Gauge({
    name: "build_info",
    help: "Which build of the service runs: always 1, its version and commit as labels.",
    labelNames: ["version", "commit"],
    registers: [registry],
  });
  gauge.set({ version: build.version, commit: build.commit }, 1);
}
