// The Idempotency-Key store's port (types only): core, so a store (mongo/) implements it without importing
// the HTTP layer whose middleware (http/idempotency/) uses it.
export type { BeginOptions, BeginResult, IdempotencyRecord, IdempotencyStore, StoredResponse } from "./store.ts";
