export { AppError, type Violation } from "./app-error.ts";
export {
  ConcurrentModificationError,
  DeadlineExceededError,
  IdempotencyKeyInFlightError,
  IdempotencyKeyReusedError,
  InvalidRequestError,
  PayloadTooLargeError,
  PreconditionFailedError,
  UnsupportedMediaTypeError,
  UnsupportedVersionError,
  VersionBrownoutError,
  VersionRetiredError,
  VersionWithdrawnError,
} from "./common-errors.ts";
export { remapViolations } from "./remap-violations.ts";
