import { type Collection, type Db, MongoServerError } from "mongodb";

/**
 * The benchmark's in-memory store (`--store memory`): the few calls of the driver's `Collection` that the
 * template's repository and the limit's and peer's code make, answered from a Map, so the same code runs
 * above it with no database. Documents are copied in and out (structuredClone), as the driver gives a
 * new object on every read and keeps none of the caller's. Only the filters those calls use are
 * understood (equality, and `$gt` on `_id`); anything else throws, so a new query cannot be measured
 * against a store that ignores it.
 */
type StoredDocument = { _id: string } & Record<string, unknown>;
type Filter = Record<string, unknown>;

export class MemoryCollection {
  readonly #documents = new Map<string, StoredDocument>();

  async findOne(filter: Filter): Promise<StoredDocument | null> {
    const found = this.#matching(filter)[0];
    return found ? structuredClone(found) : null;
  }

  async insertOne(document: StoredDocument): Promise<{ acknowledged: true; insertedId: string }> {
    if (this.#documents.has(document._id)) {
      throw new MongoServerError({ message: `E11000 duplicate key error: _id ${document._id}`, code: 11000 });
    }
    this.#documents.set(document._id, structuredClone(document));
    return { acknowledged: true, insertedId: document._id };
  }

  async replaceOne(filter: Filter, document: Omit<StoredDocument, "_id">): Promise<{ matchedCount: number }> {
    const found = this.#matching(filter)[0];
    if (!found) return { matchedCount: 0 };
    this.#documents.set(found._id, { ...structuredClone(document), _id: found._id });
    return { matchedCount: 1 };
  }

  async deleteOne(filter: Filter): Promise<{ deletedCount: number }> {
    const found = this.#matching(filter)[0];
    if (!found) return { deletedCount: 0 };
    this.#documents.delete(found._id);
    return { deletedCount: 1 };
  }

  /** Only as the list queries use it: `find(filter).sort({ _id: 1 }).limit(n).toArray()`. */
  find(filter: Filter) {
    const sortedById = () => this.#matching(filter).sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
    const cursor = (limit: number) => ({
      sort: (order: Record<string, number>) => {
        if (JSON.stringify(order) !== '{"_id":1}') throw new Error(`unsupported sort ${JSON.stringify(order)}`);
        return cursor(limit);
      },
      limit: (n: number) => cursor(n),
      toArray: async () =>
        sortedById()
          .slice(0, limit)
          .map((document) => structuredClone(document)),
    });
    return cursor(Number.POSITIVE_INFINITY);
  }

  async createIndex(): Promise<string> {
    return "in memory: no index";
  }

  async createIndexes(): Promise<string[]> {
    return ["in memory: no index"];
  }

  #matching(filter: Filter): StoredDocument[] {
    assertUnderstood(filter);
    const id = filter._id;
    if (typeof id === "string") {
      const document = this.#documents.get(id);
      return document && matches(document, filter) ? [document] : [];
    }
    return [...this.#documents.values()].filter((document) => matches(document, filter));
  }
}

/** Equality on a value, or `{ $gt: value }`: checked before any document is looked at. */
function assertUnderstood(filter: Filter): void {
  for (const [field, condition] of Object.entries(filter)) {
    if (condition === null || typeof condition !== "object") continue;
    const operators = Object.keys(condition);
    if (operators.length !== 1 || operators[0] !== "$gt") {
      throw new Error(`unsupported condition on ${field}: ${JSON.stringify(condition)}`);
    }
  }
}

function matches(document: StoredDocument, filter: Filter): boolean {
  return Object.entries(filter).every(([field, condition]) => {
    const value = document[field];
    if (condition !== null && typeof condition === "object") {
      const { $gt } = condition as { $gt: string | number };
      return typeof value === typeof $gt && (value as string | number) > $gt;
    }
    return value === condition;
  });
}

/**
 * The connected database with one collection in memory instead (kept for the process): every other
 * collection, and every other call of the driver's `Db`, is the connected one's.
 */
export function withCollectionInMemory(connected: Db, name: string): Db {
  const memory = new MemoryCollection() as unknown as Collection;
  const collection = (wanted: string) => (wanted === name ? memory : connected.collection(wanted));
  return Object.assign(Object.create(connected) as Db, { collection });
}

/** A stand-in for the driver's `Db` whose every collection is in memory (one per name, kept for the process). */
export function memoryDatabase(): Db {
  const collections = new Map<string, MemoryCollection>();
  const collection = (name: string) => {
    const existing = collections.get(name) ?? new MemoryCollection();
    collections.set(name, existing);
    return existing as unknown as Collection;
  };
  return { collection } as unknown as Db;
}
