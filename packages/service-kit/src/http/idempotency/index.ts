export { type FingerprintInput, requestFingerprint } from "./fingerprint.ts";
export { type IdempotencyKeysOptions, idempotencyKeys } from "./idempotency-keys.ts";
export type { InFlightWaitOptions } from "./in-flight-wait.ts";
export { idempotencyKeyHeaderSchema, parseKey, readIdempotencyKey } from "./key-header.ts";
export type { BeginOptions, BeginResult, IdempotencyRecord, IdempotencyStore, StoredResponse } from "./store.ts";
