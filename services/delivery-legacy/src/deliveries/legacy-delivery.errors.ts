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
