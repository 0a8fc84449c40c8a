export { type ApiUsageOptions, type ApiUsageRecorder, startApiUsage } from "./api-usage-recorder.ts";
export { API_USAGE_COLLECTION, API_USAGE_RETENTION_DAYS, type UsageReportLine } from "./api-usage-store.ts";
export { API_CLIENTS_COLLECTION, type ClientPins, clientPins } from "./client-pins.ts";
export { UsageBatch, type UsageCount } from "./usage-batch.ts";
