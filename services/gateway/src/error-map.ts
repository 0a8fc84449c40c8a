import { deliveryProblems } from "@starter/contracts/problems";
import { type CommonErrorCode, commonErrorMap, type ErrorCodes, type ErrorMap } from "@starter/service-kit/http";
import type * as migrationErrors from "./migration/migration.errors.ts";

/** The gateway's own codes, and the services' codes it passes on as its own (their refusals of a write). */
export type GatewayErrorCode = ErrorCodes<typeof migrationErrors> | CommonErrorCode | keyof typeof deliveryProblems;

/** What a client is told to wait before retrying an answer a retry can get past. */
const RETRY_AFTER_SECONDS = 2;

/** Every code the gateway answers with, and its problem; a code without one here fails to compile. */
export const errorMap = {
  ...commonErrorMap,
  ...deliveryProblems,
  "coordination.drift": { status: 502, title: "Services disagree (drift recorded)" },
  "coordination.participant_failed": {
    status: 502,
    title: "A service failed; nothing was changed",
    retryAfterSeconds: RETRY_AFTER_SECONDS,
  },
  "migration.side_unavailable": { status: 502, title: "A service did not answer the read in its contract" },
  "gateway.timeout": { status: 504, title: "A service did not answer in time", retryAfterSeconds: RETRY_AFTER_SECONDS },
  "gateway.service_unreachable": {
    status: 503,
    title: "A service could not be reached",
    retryAfterSeconds: RETRY_AFTER_SECONDS,
  },
} as const satisfies ErrorMap<GatewayErrorCode>;

export function isGatewayErrorCode(code: string): code is GatewayErrorCode {
  return Object.hasOwn(errorMap, code);
}
