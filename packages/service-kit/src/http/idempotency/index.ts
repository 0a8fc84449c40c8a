// The store port is core (the idempotency folder); named here too, so the http subpath keeps offering it.
export type {
  BeginOptions,
  BeginResult,
  IdempotencyRecord,
  IdempotencyStore,
  StoredResponse,
} from "../../idempotency/index.ts";
export { type FingerprintInput, requestFingerprint } from "./fingerprint.ts";
export { type IdempotencyKeysOptions, idempotencyKeys } from "./idempotency-keys.ts";
export type { InFlightWaitOptions } from "./in-flight-wait.ts";
export { idempotencyKeyHeaderSchema, parseKey, readIdempotencyKey } from "./key-header.ts";
