import type { ErrorCodes, ErrorMap } from "@starter/service-kit/http";
import type * as operationErrors from "../operation.errors.ts";

/** The problems of the package's errors; a service spreads this into its own error map. */
export const operationErrorMap = {
  "operation.not_found": { status: 404, title: "Operation not found" },
  "operation.finished": { status: 409, title: "Operation already finished" },
  "operation.in_progress": { status: 409, title: "Operation already in progress" },
} as const satisfies ErrorMap<ErrorCodes<typeof operationErrors>>;
