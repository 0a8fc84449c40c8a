import { AppError, type Violation } from "@starter/service-kit/errors";

export class LegacyDeliveryNotFoundError extends AppError<"delivery.not_found"> {
  constructor(id: string) {
    super("delivery.not_found", `delivery ${id} does not exist`);
  }
}

export class LegacyDeliveryRuleViolatedError extends AppError<"delivery.rule_violated"> {
  constructor(violations: readonly Violation[]) {
    super("delivery.rule_violated", "the delivery breaks a rule", { violations });
  }
}

/** A delivery belongs to its owner: only `deliveries:admin` may create one for, or hand one to, someone else. */
export class LegacyDeliveryOwnerForbiddenError extends AppError<"delivery.owner_forbidden"> {
  constructor(id: string) {
    super("delivery.owner_forbidden", `delivery ${id} would belong to someone other than the caller`);
  }
}
