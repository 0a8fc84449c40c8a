import type { OperationKind, OperationService } from "@starter/operations";
import { operationRoutes } from "@starter/operations/http";
import {
  type ApiInfo,
  type AppBasics,
  errorOptionsOf,
  errorResponder,
  type IdempotencyStore,
  type InFlightWaitOptions,
  idempotencyKeys,
  type ServiceAppOptions,
} from "@starter/service-kit/http";
import type { VersionRegistry } from "@starter/service-kit/versions";
import { DELIVERY_SCOPES } from "./deliveries/delivery.access.ts";
import { deliveryRoutes } from "./deliveries/delivery.routes.ts";
import type { DeliveryService } from "./deliveries/delivery.service.ts";
import { errorMap } from "./error-map.ts";

/** `ready`: whether the database answers now; `isUnavailable`: "the database cannot be reached" (503). */
export type AppDependencies = AppBasics &
  Readonly<{
    deliveries: DeliveryService;
    operations: OperationService;
    operationKinds: readonly OperationKind[];
    /** Tells this process's operation worker that an operation was stored. */
    wakeWorker: () => void;
    /** The API majors and their lifecycle states. */
    versions: VersionRegistry;
    /** The documents' servers, contact and license. */
    apiInfo: ApiInfo;
    idempotency: Readonly<{
      store: IdempotencyStore;
      ttlMs: number;
      lockMs: number;
      /** How long a retry waits for the answer of the first request with its key while that one runs. */
      inFlightWait: InFlightWaitOptions;
      /** Whether starting an operation without an Idempotency-Key is refused (400). */
      required: boolean;
    }>;
  }>;

/** What the kit builds the app from (`createServiceApp`): this service's routes, errors and API. */
export function appOptions(deps: AppDependencies): ServiceAppOptions {
  const idempotencyKey = idempotencyKeys({
    ...deps.idempotency,
    respondToError: errorResponder(errorOptionsOf({ errorMap, isUnavailable: deps.isUnavailable })),
  });
  const operations = operationRoutes({
    service: deps.operations,
    kinds: deps.operationKinds,
    statusPath: "/v2/operations",
    idempotencyKey,
    idempotencyKeyRequired: deps.idempotency.required,
    wakeWorker: deps.wakeWorker,
    errorMap,
  });
  return {
    ...deps,
    errorMap,
    routes: [...deliveryRoutes({ service: deps.deliveries }), ...operations],
    api: {
      title: "Delivery API",
      versions: deps.versions,
      info: deps.apiInfo,
      moreScopes: { [DELIVERY_SCOPES.admin]: "Reach every owner's deliveries and their operations" },
    },
  };
}
