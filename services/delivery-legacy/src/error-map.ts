import { type CommonErrorCode, commonErrorMap, type ErrorCodes, type ErrorMap } from "@starter/service-kit/http";
import type * as legacyErrors from "./deliveries/legacy-delivery.errors.ts";

export type LegacyErrorCode = ErrorCodes<typeof legacyErrors> | CommonErrorCode;

/** Every code this service can raise, and its problem; a code without one here fails to compile. */
export const errorMap = {
  ...commonErrorMap,
  "delivery.not_found": { status: 404, title: "Delivery not found" },
  "delivery.rule_violated": { status: 422, title: "Delivery rule violated" },
} as const satisfies ErrorMap<LegacyErrorCode>;
