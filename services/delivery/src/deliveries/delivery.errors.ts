import { AppError, type Violation } from "@starter/service-kit/errors";

export class DeliveryNotFoundError extends AppError<"delivery.not_found"> {
  constructor(id: string) {
    super("delivery.not_found", `delivery ${id} does not exist`);
  }
}

export class ConfirmationNotFoundError extends AppError<"delivery.confirmation_not_found"> {
  constructor(id: string) {
    super("delivery.confirmation_not_found", `delivery ${id} has no confirmation yet`);
  }
}

/** The input is well-formed but breaks an invariant of the aggregate. */
export class DeliveryRuleViolatedError extends AppError<"delivery.rule_violated"> {
  constructor(violations: readonly Violation[]) {
    super("delivery.rule_violated", "the delivery breaks a rule of the domain", { violations });
  }
}

/** A delivered delivery is a record of what happened: it is not revised afterwards. */
export class DeliveryCompletedError extends AppError<"delivery.completed"> {
  constructor(id: string) {
    super("delivery.completed", `delivery ${id} is delivered and can no longer be changed`);
  }
}

export class DeliveryNotDispatchableError extends AppError<"delivery.not_dispatchable"> {
  constructor(id: string, status: string) {
    super("delivery.not_dispatchable", `delivery ${id} is ${status}; only a created delivery can be dispatched`);
  }
}

/** A delivery belongs to its owner: only `deliveries:admin` may create one for, or hand one to, someone else. */
export class DeliveryOwnerForbiddenError extends AppError<"delivery.owner_forbidden"> {
  constructor(id: string) {
    super("delivery.owner_forbidden", `delivery ${id} would belong to someone other than the caller`);
  }
}
