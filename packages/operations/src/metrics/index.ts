export { operationMetrics } from "./operation-metrics.ts";
