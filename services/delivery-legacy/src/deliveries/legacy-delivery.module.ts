import { deliveryProblems } from "@starter/contracts/problems";
import type { ErrorCodes, ErrorMap } from "@starter/service-kit/http";
import type { ModuleContext, ServiceModule } from "@starter/service-kit/service";
import type * as legacyErrors from "./legacy-delivery.errors.ts";
import { MongoLegacyDeliveryRepository } from "./legacy-delivery.mongo.ts";
import { legacyDeliveryRoutes } from "./legacy-delivery.routes.ts";
import { LegacyDeliveryService } from "./legacy-delivery.service.ts";

/** Every code the legacy deliveries raise has its problem; a code without one here fails to compile. */
const errors = deliveryProblems satisfies ErrorMap<ErrorCodes<typeof legacyErrors>>;

/** The legacy deliveries: version 1 routes over the legacy collection. */
export function legacyDeliveriesModule({ db }: ModuleContext<unknown>): ServiceModule {
  return {
    name: "deliveries",
    routes: legacyDeliveryRoutes({ service: new LegacyDeliveryService(new MongoLegacyDeliveryRepository(db)) }),
    errors,
    scopes: { "deliveries:admin": "Reach every owner's deliveries" },
  };
}
