import { randomUUID } from "node:crypto";
import type { Collection, Db } from "mongodb";
import { IdempotencyKeyInFlightError } from "../errors/index.ts";
import type {
  BeginOptions,
  BeginResult,
  IdempotencyRecord,
  IdempotencyStore,
  StoredResponse,
} from "../idempotency/index.ts";
import { insertUnlessPresent } from "./insert-unless-present.ts";
import { ensureTtlIndex } from "./ttl-index.ts";

type IdempotencyDocument = IdempotencyRecord & { _id: string; owner: string; lockedUntil: Date; expiresAt: Date };

export const IDEMPOTENCY_COLLECTION = "idempotency_keys";

/**
 * Idempotency keys in MongoDB. Taking a key is a unique insert, atomic on MongoDB and FerretDB alike.
 * Keys expire through a TTL index where the server has them; elsewhere an expired key counts as absent on
 * read and `deleteExpired` (run periodically) removes it.
 */
export class MongoIdempotencyStore implements IdempotencyStore {
  readonly #keys: Collection<IdempotencyDocument>;

  constructor(db: Db) {
    this.#keys = db.collection<IdempotencyDocument>(IDEMPOTENCY_COLLECTION);
  }

  /** Creates the expiry index; returns whether the server expires keys by itself (TTL). */
  ensureIndexes(): Promise<boolean> {
    return ensureTtlIndex(this.#keys, "expiresAt");
  }

  async begin(key: string, fingerprint: string, options: BeginOptions): Promise<BeginResult> {
    const owner = randomUUID();
    const record: IdempotencyDocument = {
      _id: key,
      owner,
      fingerprint,
      state: "in_flight",
      response: null,
      lockedUntil: new Date(options.now.getTime() + options.lockMs),
      expiresAt: new Date(options.now.getTime() + options.ttlMs),
    };
    for (let attempt = 0; attempt < 2; attempt++) {
      if ((await insertUnlessPresent(this.#keys, record)) === "inserted") return { kind: "started", owner };
      const existing = await this.#keys.findOne({ _id: key });
      if (existing && !isStale(existing, options.now)) return { kind: "existing", record: existing };
      // Expired, or in flight on a process that died: take the key over (still one winner: a unique insert).
      if (existing) await this.#keys.deleteOne({ _id: key, lockedUntil: existing.lockedUntil, state: existing.state });
    }
    // Others took it over and gave it up in the meantime: to this client, the key is busy; a retry will settle it.
    throw new IdempotencyKeyInFlightError();
  }

  async read(key: string, now: Date): Promise<IdempotencyRecord | undefined> {
    const existing = await this.#keys.findOne({ _id: key });
    return existing && !isStale(existing, now) ? existing : undefined;
  }

  async complete(key: string, owner: string, response: StoredResponse): Promise<void> {
    await this.#keys.updateOne({ _id: key, owner }, { $set: { state: "completed", response } });
  }

  async abandon(key: string, owner: string): Promise<void> {
    await this.#keys.deleteOne({ _id: key, owner, state: "in_flight" });
  }

  async deleteExpired(now: Date): Promise<number> {
    return (await this.#keys.deleteMany({ expiresAt: { $lte: now } })).deletedCount;
  }
}

function isStale(record: IdempotencyDocument, now: Date): boolean {
  const expired = record.expiresAt.getTime() <= now.getTime();
  const abandoned = record.state === "in_flight" && record.lockedUntil.getTime() <= now.getTime();
  return expired || abandoned;
}
