import { type AppState, createServiceApp } from "@starter/service-kit/http";
import type { Logger } from "@starter/service-kit/logging";
import type Koa from "koa";
import { legacyDeliveryRoutes } from "./deliveries/legacy-delivery.routes.ts";
import type { LegacyDeliveryService } from "./deliveries/legacy-delivery.service.ts";
import { errorMap } from "./error-map.ts";

export type AppDependencies = Readonly<{
  logger: Logger;
  deliveries: LegacyDeliveryService;
  databaseReady: () => Promise<boolean>;
  isDatabaseUnavailable: (error: unknown) => boolean;
  bodyLimitBytes: number;
}>;

/** Builds the app from its dependencies; never listens, never reads the environment. */
export function createApp(deps: AppDependencies): Koa<AppState> {
  return createServiceApp({
    logger: deps.logger,
    errorMap,
    isUnavailable: deps.isDatabaseUnavailable,
    ready: deps.databaseReady,
    limits: { bodyLimitBytes: deps.bodyLimitBytes, jsonMaxDepth: 8 },
    routes: legacyDeliveryRoutes({ service: deps.deliveries }),
  });
}
