import { collectDefaultMetrics, Registry } from "prom-client";

export type { Registry } from "prom-client";

/**
 * The registry a service's metrics live on, served as Prometheus text at `/metrics`. One per process in a
 * service (a declared service makes it, with Node's runtime metrics: event loop lag, heap, GC, handles); the
 * tests' apps get one each, so their counts never mix.
 */
export function createMetricsRegistry(options: { runtime: boolean }): Registry {
  const registry = new Registry();
  if (options.runtime) collectDefaultMetrics({ register: registry });
  return registry;
}
