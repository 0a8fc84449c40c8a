export { type ApiUsageOptions, type ApiUsageRecorder, startApiUsage } from "./api-usage-recorder.ts";
export { API_USAGE_COLLECTION, API_USAGE_RETENTION_DAYS, type UsageReportLine } from "./api-usage-store.ts";
export { UsageBatch, type UsageCount } from "./usage-batch.ts";
