export { MongoAggregateRepository, type StoredAggregate, storedAsIs } from "./aggregate-repository.ts";
export { connectMongo, type MongoConnection, type MongoConnectionOptions } from "./connect.ts";
export { isDatabaseUnavailableError, isDuplicateKeyError } from "./errors.ts";
export { IDEMPOTENCY_COLLECTION, MongoIdempotencyStore } from "./idempotency-store.ts";
export { ensureIndexes } from "./indexes.ts";
export { insertUnlessPresent } from "./insert-unless-present.ts";
export { ensureTtlIndex } from "./ttl-index.ts";
export { type DocumentMapping, MongoVersionedRepository, type VersionedDocument } from "./versioned-writes.ts";
