import { deliveryProblems } from "@starter/contracts/problems";
import { operationErrorMap } from "@starter/operations/http";
import { type CommonErrorCode, commonErrorMap, type ErrorCodes, type ErrorMap } from "@starter/service-kit/http";
import type * as deliveryErrors from "./deliveries/delivery.errors.ts";

/** Every code a delivery error class carries: the map below must give each one a problem, or this fails to compile. */
export type DeliveryErrorCode = ErrorCodes<typeof deliveryErrors>;

/**
 * Every error code this service can raise, and its problem. 400 = the request does not match the
 * contract's shape; 422 = well-formed, but it breaks a rule of the domain.
 */
export const errorMap = {
  ...commonErrorMap,
  ...operationErrorMap,
  ...deliveryProblems,
} as const satisfies ErrorMap<DeliveryErrorCode | CommonErrorCode>;
