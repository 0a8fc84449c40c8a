import {
  type AppState,
  commonErrorMap,
  errorHandler,
  healthRoutes,
  jsonBody,
  requestContext,
} from "@starter/service-kit/http";
import type { Logger } from "@starter/service-kit/logging";
import Koa from "koa";
import { legacyDeliveryRoutes } from "./deliveries/legacy-delivery.routes.ts";
import type { LegacyDeliveryService } from "./deliveries/legacy-delivery.service.ts";

export type AppDependencies = {
  readonly logger: Logger;
  readonly deliveries: LegacyDeliveryService;
  readonly databaseReady: () => Promise<boolean>;
  readonly isDatabaseUnavailable: (error: unknown) => boolean;
  readonly bodyLimitBytes: number;
};

const errorMap = {
  ...commonErrorMap,
  "delivery.not_found": { status: 404, title: "Delivery not found" },
  "delivery.rule_violated": { status: 422, title: "Delivery rule violated" },
};

/** Builds the app from its dependencies; never listens, never reads the environment. */
export function createApp(deps: AppDependencies): Koa<AppState> {
  const app = new Koa<AppState>();
  app.use(requestContext(deps.logger));
  app.use(errorHandler({ errorMap, isUnavailable: deps.isDatabaseUnavailable, retryAfterSeconds: 5 }));
  app.use(jsonBody({ limitBytes: deps.bodyLimitBytes, maxDepth: 8 }));
  for (const router of [
    healthRoutes({ ready: deps.databaseReady }),
    legacyDeliveryRoutes({ service: deps.deliveries }),
  ]) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  return app;
}
