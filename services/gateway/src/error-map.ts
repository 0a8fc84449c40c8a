import { deliveryProblems } from "@starter/contracts/problems";
import { type CommonErrorCode, commonErrorMap, type ErrorCodes, type ErrorMap } from "@starter/service-kit/http";
import type * as migrationErrors from "./migration/migration.errors.ts";

/** The gateway's own codes, and the services' codes it passes on as its own (their refusals of a write). */
export type GatewayErrorCode = ErrorCodes<typeof migrationErrors> | CommonErrorCode | keyof typeof deliveryProblems;

/** Every code the gateway answers with, and its problem; a code without one here fails to compile. */
export const errorMap = {
  ...commonErrorMap,
  ...deliveryProblems,
  "coordination.drift": { status: 502, title: "Services disagree (drift recorded)" },
  "coordination.participant_failed": { status: 502, title: "A service failed; nothing was changed" },
  "migration.side_unavailable": { status: 502, title: "A service did not answer the read" },
} as const satisfies ErrorMap<GatewayErrorCode>;

export function isGatewayErrorCode(code: string): code is GatewayErrorCode {
  return Object.hasOwn(errorMap, code);
}
