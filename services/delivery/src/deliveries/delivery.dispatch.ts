import { setTimeout as sleep } from "node:timers/promises";
import * as v2 from "@starter/contracts/v2";
import type { OperationKind } from "@starter/operations";
import type { DeliveryService } from "./delivery.service.ts";
import { assertDispatchable } from "./delivery.ts";

/**
 * Dispatch, the long operation on a delivery, plugged into the operations package: it checks the delivery
 * can be dispatched, waits `workDurationMs` (the template's stand-in for real work: handing the delivery to
 * a drone), then dispatches it, recording the operation so a re-run after a crash changes nothing.
 */
export function dispatchKind(
  deliveries: DeliveryService,
  settings: { workDurationMs: number },
): OperationKind<"delivery.not_found" | "delivery.not_dispatchable"> {
  return {
    name: "dispatch",
    operationId: "dispatchDelivery",
    summary: "Dispatch a delivery",
    targetPath: "/v2/deliveries/{id}",
    targetId: v2.resourceIdSchema,
    check: async (id) => assertDispatchable(await deliveries.get(id)),
    work: (_id, signal) => sleep(settings.workDurationMs, undefined, { signal }),
    effect: (id, operationId) => deliveries.dispatch(id, operationId),
    errors: ["delivery.not_found", "delivery.not_dispatchable"],
  };
}
