import type { Abortable, Collection, Filter, OperationOptions, WithoutId } from "mongodb";
import { deadlineSignal } from "../deadlines/index.ts";
import type { Page, PageRequest, Versioned, VersionedRepository } from "../versioned-writes/index.ts";
import { insertUnlessPresent } from "./insert-unless-present.ts";

/** A stored aggregate: its id is the client's, and a version that every change increases. */
export type VersionedDocument = { _id: string; version: number };

/** How one aggregate maps to its stored document and back; only the adapter knows the document. */
export type DocumentMapping<T, D> = Readonly<{ toDocument: (value: T) => D; fromDocument: (document: D) => T }>;

/**
 * The write engine's port over one collection: the conditional single-document writes of an idempotent
 * PUT. Each is atomic on MongoDB; FerretDB v1 makes the conditional replace and delete read-then-write
 * (see the README). An aggregate's repository extends this with its queries.
 *
 * Every call is cancelled at the request's deadline (`deadlineSignal()`): one still waiting for a pool
 * connection then never reaches the database, one under way fails (a 503). Its own queries can do the same.
 */
export class MongoVersionedRepository<T extends Versioned, D extends VersionedDocument>
  implements VersionedRepository<T>
{
  protected readonly collection: Collection<D>;
  protected readonly mapping: DocumentMapping<T, D>;

  constructor(collection: Collection<D>, mapping: DocumentMapping<T, D>) {
    this.collection = collection;
    this.mapping = mapping;
  }

  async findById(id: string): Promise<T | undefined> {
    const document = await this.collection.findOne({ _id: id } as Filter<D>, atDeadline());
    return document ? this.mapping.fromDocument(document as D) : undefined;
  }

  insert(value: T): Promise<"inserted" | "duplicate"> {
    return insertUnlessPresent(this.collection, this.mapping.toDocument(value), atDeadline());
  }

  async replace(value: T, expectedVersion: number): Promise<"replaced" | "stale"> {
    const document = this.mapping.toDocument(value);
    const filter = { _id: document._id, version: expectedVersion } as Filter<D>;
    const result = await this.collection.replaceOne(filter, document as WithoutId<D>, atDeadline());
    return result.matchedCount === 1 ? "replaced" : "stale";
  }

  async remove(id: string, expectedVersion: number): Promise<"removed" | "stale"> {
    const result = await this.collection.deleteOne({ _id: id, version: expectedVersion } as Filter<D>, atDeadline());
    return result.deletedCount === 1 ? "removed" : "stale";
  }

  /**
   * One page of what `query` finds, in id order, from after `page.afterId` (keyset paging: an index on the
   * filtered fields and `_id` keeps it a range however deep the page). One more than asked tells whether a
   * next page exists, without a count.
   */
  protected async page(query: Filter<D>, page: PageRequest): Promise<Page<T>> {
    const after = page.afterId === undefined ? {} : { _id: { $gt: page.afterId } };
    const documents = await this.collection
      .find({ ...query, ...after } as Filter<D>, atDeadline())
      .sort({ _id: 1 })
      .limit(page.limit + 1)
      .toArray();
    const items = documents.slice(0, page.limit).map((document) => this.mapping.fromDocument(document as D));
    return { items, hasMore: documents.length > page.limit };
  }
}

/**
 * Cancels a call at the current request's deadline. The driver honours `signal` on writes as on reads (it
 * leaves the pool's wait queue, or aborts the call), though its types declare it on reads only.
 */
function atDeadline(): OperationOptions & Abortable {
  return deadlineSignal();
}
