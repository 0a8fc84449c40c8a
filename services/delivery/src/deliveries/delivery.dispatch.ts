import * as v2 from "@starter/contracts/v2";
import type { OperationKind } from "@starter/operations";
import type { DroneScheduler } from "../drones/drone-scheduler.ts";
import { deliveryAccessOf } from "./delivery.access.ts";
import type { DeliveryService } from "./delivery.service.ts";
import { assertDispatchable } from "./delivery.ts";

/**
 * Dispatch, the long operation on a delivery, plugged into the operations package: it checks the delivery
 * can be dispatched, books a drone for it (the slow part), then dispatches it, recording the operation so a
 * re-run after a crash changes nothing. A dispatch, like its delivery, is seen only by the delivery's owner
 * (or with deliveries:admin).
 */
export function dispatchKind(
  deliveries: DeliveryService,
  drones: DroneScheduler,
): OperationKind<"delivery.not_found" | "delivery.not_dispatchable"> {
  return {
    name: "dispatch",
    operationId: "dispatchDelivery",
    summary: "Dispatch a delivery",
    targetPath: "/v2/deliveries/{id}",
    targetId: v2.resourceIdSchema,
    check: async (id, principal) => assertDispatchable(await deliveries.get(id, deliveryAccessOf(principal))),
    visibleTo: (id, principal) => deliveries.isVisible(id, deliveryAccessOf(principal)),
    work: (id, signal) => drones.book(id, signal),
    effect: (id, operationId) => deliveries.dispatch(id, operationId),
    errors: ["delivery.not_found", "delivery.not_dispatchable"],
  };
}
