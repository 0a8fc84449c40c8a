export { createHttpMetrics, type HttpMetrics } from "./http-metrics.ts";
export { createMetricsRegistry, type Registry } from "./metrics-registry.ts";
