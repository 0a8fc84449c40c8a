import {
  type AppState,
  apiVersioning,
  errorHandler,
  errorResponder,
  healthRoutes,
  type IdempotencyStore,
  idempotencyKeys,
  jsonBody,
  requestContext,
} from "@starter/service-kit/http";
import type { Logger } from "@starter/service-kit/logging";
import type { VersionRegistry } from "@starter/service-kit/versions";
import Koa from "koa";
import { deliveryRoutes } from "./deliveries/delivery.routes.ts";
import type { DeliveryService } from "./deliveries/delivery.service.ts";
import { errorMap } from "./http/error-map.ts";
import { openApiRoutes } from "./http/openapi/openapi.routes.ts";
import { operationRoutes } from "./operations/operation.routes.ts";
import type { OperationService } from "./operations/operation.service.ts";

export type AppDependencies = {
  readonly logger: Logger;
  readonly deliveries: DeliveryService;
  /** Whether the database answers now; backs /readyz. */
  readonly databaseReady: () => Promise<boolean>;
  /** Recognises "the database cannot be reached" errors, answered with 503. */
  readonly isDatabaseUnavailable: (error: unknown) => boolean;
  readonly limits: { readonly bodyLimitBytes: number; readonly jsonMaxDepth: number };
  /** The API majors and their lifecycle states. */
  readonly versions: VersionRegistry;
  readonly operations: OperationService;
  /** Tells this process's dispatch worker that an operation was stored. */
  readonly wakeWorker: () => void;
  readonly idempotency: {
    readonly store: IdempotencyStore;
    readonly ttlMs: number;
    readonly lockMs: number;
    /** Whether a dispatch without an Idempotency-Key is refused (400). */
    readonly required: boolean;
  };
};

/** Paths that belong to no API version. */
const VERSION_NEUTRAL = /^\/(livez|readyz|docs)(\/|$)/;

const RETRY_AFTER_SECONDS = 5;

function errorOptions(deps: AppDependencies) {
  return { errorMap, isUnavailable: deps.isDatabaseUnavailable, retryAfterSeconds: RETRY_AFTER_SECONDS };
}

/** Every router of the service; the OpenAPI test checks these against the documents. */
export function appRouters(deps: AppDependencies) {
  const dispatchIdempotencyKey = idempotencyKeys({
    ...deps.idempotency,
    // The template has no authentication; a service that has one scopes keys by the client's identity.
    scope: () => "anonymous",
    respondToError: errorResponder(errorOptions(deps)),
  });
  return [
    healthRoutes({ ready: deps.databaseReady }),
    deliveryRoutes({ service: deps.deliveries }),
    operationRoutes({
      operations: deps.operations,
      wakeWorker: deps.wakeWorker,
      idempotencyKey: dispatchIdempotencyKey,
    }),
    ...openApiRoutes({ versions: deps.versions }),
  ];
}

/** Builds the app from its dependencies; never listens, never reads the environment. */
export function createApp(deps: AppDependencies): Koa<AppState> {
  const app = new Koa<AppState>();
  app.use(requestContext(deps.logger));
  app.use(errorHandler(errorOptions(deps)));
  app.use(apiVersioning({ registry: deps.versions, versionNeutral: (path) => VERSION_NEUTRAL.test(path) }));
  app.use(jsonBody({ limitBytes: deps.limits.bodyLimitBytes, maxDepth: deps.limits.jsonMaxDepth }));
  for (const router of appRouters(deps)) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  return app;
}
