import type { Db } from "mongodb";
import { RateLimiterMongo } from "rate-limiter-flexible";
import { ensureTtlIndex } from "../mongo/ttl-index.ts";

/** Where every instance of a service keeps its clients' counts: one document per client and window. */
export const RATE_LIMITS_COLLECTION = "rate_limits";

/**
 * A limiter counting in MongoDB, so every instance on one database shares each client's count: an atomic
 * `$inc` on the client's document, a new window by replacing an expired one (the unique index on `key`
 * makes two instances racing to open it agree). Create the indexes first (`createRateLimitIndexes`).
 */
export function mongoRateLimiter(db: Db, limit: { points: number; durationSeconds: number; keyPrefix: string }) {
  return new RateLimiterMongo({
    storeClient: db,
    tableName: RATE_LIMITS_COLLECTION,
    keyPrefix: limit.keyPrefix,
    points: limit.points,
    duration: limit.durationSeconds,
    // Created here, awaited at start-up: the library's own creation runs unawaited and stops at the TTL
    // index, which FerretDB refuses, leaving the unique one uncreated.
    disableIndexesCreation: true,
  });
}

/** The unique index the counting needs, and expiry by TTL where the server has it. Says which. */
export async function createRateLimitIndexes(db: Db): Promise<{ expireByTtl: boolean }> {
  const counts = db.collection(RATE_LIMITS_COLLECTION);
  await counts.createIndexes([{ key: { key: 1 }, name: "key_unique", unique: true }]);
  return { expireByTtl: await ensureTtlIndex(counts, "expire") };
}

/** Where the server has no TTL indexes: windows that ended are deleted by the service's sweep. */
export async function deleteExpiredRateLimits(db: Db, now: Date): Promise<number> {
  const { deletedCount } = await db.collection(RATE_LIMITS_COLLECTION).deleteMany({ expire: { $lt: now } });
  return deletedCount;
}
