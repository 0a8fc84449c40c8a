import { operationErrorMap } from "@starter/operations/http";
import { type CommonErrorCode, commonErrorMap, type ErrorCodes, type ErrorMap } from "@starter/service-kit/http";
import type * as deliveryErrors from "../deliveries/delivery.errors.ts";

/** Every code a delivery error class carries: the map below must give each one a problem, or this fails to compile. */
export type DeliveryErrorCode = ErrorCodes<typeof deliveryErrors>;

/**
 * Every error code this service can raise, and its problem. 400 = the request does not match the
 * contract's shape; 422 = well-formed, but it breaks a rule of the domain.
 */
export const errorMap = {
  ...commonErrorMap,
  ...operationErrorMap,
  "delivery.not_found": { status: 404, title: "Delivery not found" },
  "delivery.confirmation_not_found": { status: 404, title: "Confirmation not found" },
  "delivery.rule_violated": { status: 422, title: "Delivery rule violated" },
  "delivery.completed": { status: 409, title: "Delivery already completed" },
  "delivery.not_dispatchable": { status: 409, title: "Delivery cannot be dispatched" },
} as const satisfies ErrorMap<DeliveryErrorCode | CommonErrorCode>;
