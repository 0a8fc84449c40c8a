import type { ApiInfo, AppBasics, ServiceAppOptions } from "@starter/service-kit/http";
import { createVersionRegistry } from "@starter/service-kit/versions";
import { legacyDeliveryRoutes } from "./deliveries/legacy-delivery.routes.ts";
import type { LegacyDeliveryService } from "./deliveries/legacy-delivery.service.ts";
import { errorMap } from "./error-map.ts";

export type AppDependencies = AppBasics &
  Readonly<{
    deliveries: LegacyDeliveryService;
    /** The document's servers, contact and license. */
    apiInfo: ApiInfo;
  }>;

/** The legacy service speaks version 1 and nothing else: it is replaced, not evolved. */
const LEGACY_VERSIONS = createVersionRegistry([{ major: 1, state: "current" }]);

/** What the kit builds the app from: the legacy routes, their errors and the version 1 document. */
export function appOptions(deps: AppDependencies): ServiceAppOptions {
  return {
    ...deps,
    errorMap,
    routes: legacyDeliveryRoutes({ service: deps.deliveries }),
    // Documented at /v1/openapi.json and /docs like every other service, so its clients and the fuzzer
    // read the contract it actually serves.
    api: {
      title: "Delivery API (legacy)",
      versions: LEGACY_VERSIONS,
      info: deps.apiInfo,
      moreScopes: { "deliveries:admin": "Reach every owner's deliveries" },
    },
  };
}
