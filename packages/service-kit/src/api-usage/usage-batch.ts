/** One client's calls of one major on one UTC day: what the batch counts and the store adds up. */
export type UsageCount = {
  readonly client: string;
  readonly major: number;
  /** The UTC day, `2027-02-02`. */
  readonly day: string;
  requests: number;
  firstSeen: Date;
  lastSeen: Date;
};

/**
 * The calls counted since the last write, one entry per client, major and day, so a write stores a batch
 * of upserts instead of one per request. Bounded: a client first seen once `maxEntries` are held is not
 * counted until the next write makes room (`record` says so, for a metric), so no caller can grow it.
 */
export class UsageBatch {
  readonly #counts = new Map<string, UsageCount>();
  readonly #maxEntries: number;

  constructor(maxEntries: number) {
    this.#maxEntries = maxEntries;
  }

  /** Counts one call; false when the batch is full and the call's client, major and day are new to it. */
  record(client: string, major: number, at: Date): boolean {
    const day = at.toISOString().slice(0, 10);
    return this.#add({ client, major, day, requests: 1, firstSeen: at, lastSeen: at });
  }

  /** Everything counted so far, leaving the batch empty. */
  take(): UsageCount[] {
    const counts = [...this.#counts.values()];
    this.#counts.clear();
    return counts;
  }

  /** Puts back counts a write could not store (the database was down), as far as the bound allows. */
  restore(counts: readonly UsageCount[]): number {
    return counts.filter((count) => !this.#add({ ...count })).length;
  }

  get size(): number {
    return this.#counts.size;
  }

  #add(count: UsageCount): boolean {
    const key = `${count.major}\u0000${count.day}\u0000${count.client}`;
    const known = this.#counts.get(key);
    if (known) {
      known.requests += count.requests;
      if (count.firstSeen < known.firstSeen) known.firstSeen = count.firstSeen;
      if (count.lastSeen > known.lastSeen) known.lastSeen = count.lastSeen;
      return true;
    }
    if (this.#counts.size >= this.#maxEntries) return false;
    this.#counts.set(key, count);
    return true;
  }
}
