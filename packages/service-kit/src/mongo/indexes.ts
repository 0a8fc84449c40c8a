import type { Collection, Document, IndexDescription } from "mongodb";

/**
 * Creates indexes at start-up, one call per index. One `createIndexes` call with several indexes that
 * already exist crashes FerretDB v1's connection ("slice bounds out of range"); one index per call is
 * idempotent on MongoDB and FerretDB alike, and start-up creates only a handful.
 */
export async function ensureIndexes<T extends Document>(
  collection: Collection<T>,
  indexes: readonly IndexDescription[],
): Promise<void> {
  for (const index of indexes) await collection.createIndexes([index]);
}
