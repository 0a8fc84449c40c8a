import { AppError } from "@starter/service-kit/errors";

export class OperationNotFoundError extends AppError<"operation.not_found"> {
  constructor(id: string) {
    super("operation.not_found", `operation ${id} does not exist (or has expired)`);
  }
}

export class OperationFinishedError extends AppError<"operation.finished"> {
  constructor(id: string, status: string) {
    super("operation.finished", `operation ${id} is already ${status}`);
  }
}

/** A target has at most one operation in progress; starting another would race it. */
export class OperationInProgressError extends AppError<"operation.in_progress"> {
  constructor(targetId: string, operationId: string) {
    super("operation.in_progress", `${targetId} has operation ${operationId} in progress`);
  }
}
