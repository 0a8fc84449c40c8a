export { coordinationMetrics } from "./coordination-metrics.ts";
