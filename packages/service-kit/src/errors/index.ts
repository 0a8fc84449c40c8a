export { AppError, type Violation } from "./app-error.ts";
export {
  ConcurrentModificationError,
  InvalidRequestError,
  PayloadTooLargeError,
  PreconditionFailedError,
  UnsupportedMediaTypeError,
} from "./common-errors.ts";
