import {
  MongoDriverError,
  MongoNetworkError,
  MongoNotConnectedError,
  MongoOperationTimeoutError,
  MongoServerClosedError,
  MongoServerError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
} from "mongodb";

const DUPLICATE_KEY = 11000;

export function isDuplicateKeyError(error: unknown): boolean {
  return error instanceof MongoServerError && error.code === DUPLICATE_KEY;
}

/**
 * Errors that mean "the database cannot be reached now" rather than "this request is wrong": the
 * service answers 503 + Retry-After, and the driver reconnects by itself when the server is back.
 */
export function isDatabaseUnavailableError(error: unknown): boolean {
  return (
    error instanceof MongoServerSelectionError ||
    error instanceof MongoNetworkError ||
    error instanceof MongoOperationTimeoutError ||
    error instanceof MongoNotConnectedError ||
    error instanceof MongoServerClosedError ||
    error instanceof MongoTopologyClosedError ||
    isWaitQueueTimeout(error) ||
    isBrokenConnectionError(error)
  );
}

/**
 * No connection of the pool came free within `waitQueueTimeoutMS`: the database is saturated. The driver
 * does not export the class, only its name.
 */
function isWaitQueueTimeout(error: unknown): boolean {
  return error instanceof MongoDriverError && error.name === "MongoWaitQueueTimeoutError";
}

/** The socket errors of a connection that broke under a request. */
const BROKEN_CONNECTION_CODES = new Set(["EPIPE", "ECONNRESET", "ECONNREFUSED", "ECONNABORTED", "ETIMEDOUT"]);

/**
 * The driver passes on some socket errors unwrapped: writing a command to a connection the server has just
 * closed throws Node's own EPIPE ("This socket has been ended by the other party"), not a MongoNetworkError.
 * Found by the reliability suite (a database cut under a stream of PUTs answered a few 500s).
 */
function isBrokenConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === "string" && BROKEN_CONNECTION_CODES.has(code);
}
