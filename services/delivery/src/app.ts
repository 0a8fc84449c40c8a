import type { OperationKind, OperationService } from "@starter/operations";
import { operationRoutes } from "@starter/operations/http";
import {
  type AppState,
  createServiceApp,
  errorOptionsOf,
  errorResponder,
  type IdempotencyStore,
  idempotencyKeys,
  type ServiceAppOptions,
} from "@starter/service-kit/http";
import type { Logger } from "@starter/service-kit/logging";
import type { VersionRegistry } from "@starter/service-kit/versions";
import type Koa from "koa";
import { deliveryRoutes } from "./deliveries/delivery.routes.ts";
import type { DeliveryService } from "./deliveries/delivery.service.ts";
import { errorMap } from "./http/error-map.ts";

export type AppDependencies = Readonly<{
  logger: Logger;
  deliveries: DeliveryService;
  operations: OperationService;
  operationKinds: readonly OperationKind[];
  /** Tells this process's operation worker that an operation was stored. */
  wakeWorker: () => void;
  /** Whether the database answers now; backs /readyz. */
  databaseReady: () => Promise<boolean>;
  /** Recognises "the database cannot be reached" errors, answered with 503. */
  isDatabaseUnavailable: (error: unknown) => boolean;
  limits: Readonly<{ bodyLimitBytes: number; jsonMaxDepth: number }>;
  /** The API majors and their lifecycle states. */
  versions: VersionRegistry;
  idempotency: Readonly<{
    store: IdempotencyStore;
    ttlMs: number;
    lockMs: number;
    /** Whether starting an operation without an Idempotency-Key is refused (400). */
    required: boolean;
  }>;
}>;

/** What the kit builds the app from: this service's routes, errors and API. */
export function appOptions(deps: AppDependencies): ServiceAppOptions {
  const base = { errorMap, isUnavailable: deps.isDatabaseUnavailable };
  const idempotencyKey = idempotencyKeys({
    ...deps.idempotency,
    // The template has no authentication; a service that has one scopes keys by the client's identity.
    scope: () => "anonymous",
    respondToError: errorResponder(errorOptionsOf(base)),
  });
  const operations = operationRoutes({
    service: deps.operations,
    kinds: deps.operationKinds,
    statusPath: "/v2/operations",
    idempotencyKey,
    wakeWorker: deps.wakeWorker,
    errorMap,
  });
  return {
    ...base,
    logger: deps.logger,
    ready: deps.databaseReady,
    limits: deps.limits,
    routes: [...deliveryRoutes({ service: deps.deliveries }), ...operations],
    api: { title: "Delivery API", versions: deps.versions },
  };
}

/** Builds the app from its dependencies; never listens, never reads the environment. */
export function createApp(deps: AppDependencies): Koa<AppState> {
  return createServiceApp(appOptions(deps));
}
