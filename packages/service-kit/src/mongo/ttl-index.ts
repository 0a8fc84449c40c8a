import type { Collection, Document } from "mongodb";

/**
 * A TTL index on `field` (documents expire at the date it holds) where the server has them; false where
 * it does not (FerretDB v1 refuses TTL indexes), so the caller falls back to an expiry check on read and
 * a periodic sweep, and the service starts cleanly on both.
 */
export async function ensureTtlIndex<T extends Document>(collection: Collection<T>, field: string): Promise<boolean> {
  const key = { [field]: 1 } as const;
  try {
    await collection.createIndexes([{ key, name: `${field}_ttl`, expireAfterSeconds: 0 }]);
    return true;
  } catch {
    await collection.createIndexes([{ key, name: `${field}_1` }]);
    return false;
  }
}
