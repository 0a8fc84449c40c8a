export { OperationFinishedError, OperationInProgressError, OperationNotFoundError } from "./operation.errors.ts";
export type { Backlog, InsertResult, OperationRepository } from "./operation.repository.ts";
export { OperationService, type OperationServiceDeps } from "./operation.service.ts";
export {
  finishedAt,
  isFinished,
  newOperation,
  type Operation,
  type OperationFailure,
  type OperationStatus,
  type Outcome,
} from "./operation.ts";
export { type OperationKind, targetHref } from "./operation-kind.ts";
export {
  OperationWorker,
  type OperationWorkerDeps,
  type WorkerObserver,
  type WorkerSettings,
} from "./operation-worker.ts";
export { type OperationTarget, ownedAggregateKind } from "./owned-aggregate-kind.ts";
