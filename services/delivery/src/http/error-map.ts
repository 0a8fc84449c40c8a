import { commonErrorMap, type ErrorMap } from "@starter/service-kit/http";

/**
 * Every error code this service can raise, and its problem. 400 = the request does not match the
 * contract's shape; 422 = well-formed, but it breaks a rule of the domain.
 */
export const errorMap: ErrorMap = {
  ...commonErrorMap,
  "delivery.not_found": { status: 404, title: "Delivery not found" },
  "delivery.confirmation_not_found": { status: 404, title: "Confirmation not found" },
  "delivery.rule_violated": { status: 422, title: "Delivery rule violated" },
  "delivery.completed": { status: 409, title: "Delivery already completed" },
  "delivery.not_dispatchable": { status: 409, title: "Delivery cannot be dispatched" },
  "operation.not_found": { status: 404, title: "Operation not found" },
  "operation.finished": { status: 409, title: "Operation already finished" },
  "operation.in_progress": { status: 409, title: "Dispatch already in progress" },
};
