export { connectMongo, type MongoConnection, type MongoConnectionOptions } from "./connect.ts";
export { isDatabaseUnavailableError, isDuplicateKeyError } from "./errors.ts";
export { IDEMPOTENCY_COLLECTION, MongoIdempotencyStore } from "./idempotency-store.ts";
export { ensureIndexes } from "./indexes.ts";
export { ensureTtlIndex } from "./ttl-index.ts";
export { deleteIfVersion, insertUnlessPresent, replaceIfVersion, type VersionedDocument } from "./versioned-writes.ts";
