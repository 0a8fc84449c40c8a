import { deliveryProblems } from "@starter/contracts/problems";
import { type CommonErrorCode, commonErrorMap, type ErrorCodes, type ErrorMap } from "@starter/service-kit/http";
import type * as legacyErrors from "./deliveries/legacy-delivery.errors.ts";

export type LegacyErrorCode = ErrorCodes<typeof legacyErrors> | CommonErrorCode;

/** Every code this service can raise, and its problem; a code without one here fails to compile. */
export const errorMap = {
  ...commonErrorMap,
  ...deliveryProblems,
} as const satisfies ErrorMap<LegacyErrorCode>;
