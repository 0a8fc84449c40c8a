import type { Collection, Filter } from "mongodb";
import type { Page, PageRequest, Versioned } from "../versioned-writes/index.ts";
import { type DocumentMapping, MongoVersionedRepository, type VersionedDocument } from "./versioned-writes.ts";

/** An aggregate stored as it is, its id as `_id` (the default mapping). */
export type StoredAggregate<T extends Versioned> = { _id: string } & Omit<T, "id">;

/**
 * The default mapping: every member of the aggregate stored under its own name, the id as `_id`. An
 * aggregate whose stored shape differs (a GeoJSON point for two coordinates) gives its own.
 */
export function storedAsIs<T extends Versioned>(): DocumentMapping<T, StoredAggregate<T>> {
  return {
    toDocument: ({ id, ...members }) => ({ _id: id, ...members }) as StoredAggregate<T>,
    fromDocument: ({ _id, ...members }) => ({ id: _id, ...members }) as unknown as T,
  };
}

/**
 * An aggregate's repository over one collection: the write engine's port, and the filtered collection in
 * keyset pages (each filter member given is an equality on the field of that name). Index the filtered
 * fields with `_id` (`{ ownerId: 1, _id: 1 }`) so a page stays a range however deep it is.
 */
export class MongoAggregateRepository<
  T extends Versioned,
  D extends VersionedDocument = StoredAggregate<T>,
> extends MongoVersionedRepository<T, D> {
  constructor(collection: Collection<D>, mapping?: DocumentMapping<T, D>) {
    super(collection, mapping ?? (storedAsIs<T>() as unknown as DocumentMapping<T, D>));
  }

  list(filter: Readonly<Record<string, unknown>>, page: PageRequest): Promise<Page<T>> {
    const query = Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined));
    return this.page(query as Filter<D>, page);
  }
}
