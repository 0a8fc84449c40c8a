type Waiting<T> = Readonly<{ item: T; resolve: () => void; reject: (error: unknown) => void }>;

/**
 * Group commit: an item is written at once when no write is under way; items that arrive while one is
 * are written together by the next. A light load pays no delay; a heavy one pays one write per batch
 * instead of one per item. Each `add` settles when the write that carried its item has.
 */
export class GroupCommit<T> {
  readonly #write: (batch: readonly T[]) => Promise<void>;
  #waiting: Waiting<T>[] = [];
  #writing = false;

  constructor(write: (batch: readonly T[]) => Promise<void>) {
    this.#write = write;
  }

  add(item: T): Promise<void> {
    const added = new Promise<void>((resolve, reject) => this.#waiting.push({ item, resolve, reject }));
    void this.#drain();
    return added;
  }

  async #drain(): Promise<void> {
    if (this.#writing) return;
    this.#writing = true;
    try {
      while (this.#waiting.length > 0) {
        const batch = this.#waiting;
        this.#waiting = [];
        try {
          await this.#write(batch.map((waiting) => waiting.item));
          for (const waiting of batch) waiting.resolve();
        } catch (error) {
          for (const waiting of batch) waiting.reject(error);
        }
      }
    } finally {
      this.#writing = false;
    }
  }
}
