import { deliveryProblems } from "@starter/contracts/problems";
import type { ErrorCodes, ErrorMap } from "@starter/service-kit/http";
import type { ModuleContext, ServiceModule } from "@starter/service-kit/service";
import { DELIVERY_SCOPES } from "./delivery.access.ts";
import type * as deliveryErrors from "./delivery.errors.ts";
import { createDeliveryIndexes, MongoDeliveryRepository } from "./delivery.mongo.ts";
import { deliveryRoutes } from "./delivery.routes.ts";
import { DeliveryService } from "./delivery.service.ts";

/** Every code a delivery error class carries has its problem here, or this fails to compile. */
const errors = deliveryProblems satisfies ErrorMap<ErrorCodes<typeof deliveryErrors>>;

/** The Delivery aggregate as a module: its collection's indexes, its use cases, its routes (v1 and v2). */
export function deliveriesModule({ db }: ModuleContext<unknown>): ServiceModule & { service: DeliveryService } {
  const service = new DeliveryService(new MongoDeliveryRepository(db));
  return {
    name: "deliveries",
    service,
    indexes: () => createDeliveryIndexes(db),
    routes: deliveryRoutes({ service }),
    errors,
    scopes: { [DELIVERY_SCOPES.admin]: "Reach every owner's deliveries and their operations" },
  };
}
