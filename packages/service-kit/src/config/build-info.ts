import type { ServiceConfig } from "./service-config.ts";

/** Which build of a service answers: said alike by its logs, traces, `/livez` and `build_info`. */
export type BuildInfo = Readonly<{ version: string; commit: string }>;

export function buildInfoOf(config: Pick<ServiceConfig, "SERVICE_VERSION" | "SERVICE_COMMIT">): BuildInfo {
  return { version: config.SERVICE_VERSION, commit: config.SERVICE_COMMIT };
}
