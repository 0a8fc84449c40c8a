import * as v2 from "@starter/contracts/v2";
import { ownedAggregateKind } from "@starter/operations";
import type { DroneScheduler } from "../drones/drone-scheduler.ts";
import { DELIVERY_SCOPES } from "./delivery.access.ts";
import type { DeliveryService } from "./delivery.service.ts";
import { assertDispatchable, dispatchDelivery } from "./delivery.ts";

/**
 * Dispatch, the long operation on a delivery, plugged into the operations module: it checks the delivery
 * can be dispatched, books a drone for it (the slow part), then dispatches it, recording the operation so a
 * re-run after a crash changes nothing. A dispatch, like its delivery, is seen only by the delivery's owner
 * (or with deliveries:admin).
 */
export function dispatchKind(deliveries: DeliveryService, drones: DroneScheduler) {
  return ownedAggregateKind(deliveries, {
    name: "dispatch",
    operationId: "dispatchDelivery",
    summary: "Dispatch a delivery",
    targetPath: "/v2/deliveries/{id}",
    targetId: v2.resourceIdSchema,
    adminScope: DELIVERY_SCOPES.admin,
    check: assertDispatchable,
    work: (id, signal) => drones.book(id, signal),
    effect: dispatchDelivery,
    errors: ["delivery.not_found", "delivery.not_dispatchable"],
  });
}
