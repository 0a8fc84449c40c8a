export { connectMongo, type MongoConnection, type MongoConnectionOptions } from "./connect.ts";
export { isDatabaseUnavailableError, isDuplicateKeyError } from "./errors.ts";
export { ensureIndexes } from "./indexes.ts";
