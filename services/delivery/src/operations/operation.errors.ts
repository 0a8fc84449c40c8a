import { AppError } from "@starter/service-kit/errors";

export class OperationNotFoundError extends AppError {
  constructor(id: string) {
    super("operation.not_found", `operation ${id} does not exist (or has expired)`);
  }
}

export class OperationFinishedError extends AppError {
  constructor(id: string, status: string) {
    super("operation.finished", `operation ${id} is already ${status}`);
  }
}

/** A delivery has at most one dispatch in progress; starting another would race it. */
export class DispatchInProgressError extends AppError {
  constructor(deliveryId: string, operationId: string) {
    super("operation.in_progress", `delivery ${deliveryId} is being dispatched by operation ${operationId}`);
  }
}
