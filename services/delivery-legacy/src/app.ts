import { type AppBasics, type AppState, createServiceApp } from "@starter/service-kit/http";
import type Koa from "koa";
import { legacyDeliveryRoutes } from "./deliveries/legacy-delivery.routes.ts";
import type { LegacyDeliveryService } from "./deliveries/legacy-delivery.service.ts";
import { errorMap } from "./error-map.ts";

export type AppDependencies = AppBasics & Readonly<{ deliveries: LegacyDeliveryService }>;

/** Builds the app from its dependencies; never listens, never reads the environment. */
export function createApp(deps: AppDependencies): Koa<AppState> {
  return createServiceApp({ ...deps, errorMap, routes: legacyDeliveryRoutes({ service: deps.deliveries }) });
}
