import type { Collection, Filter, OptionalUnlessRequiredId, WithoutId } from "mongodb";
import { isDuplicateKeyError } from "./errors.ts";

/** A stored aggregate: its id is the client's, and a version that every change increases. */
export type VersionedDocument = { _id: string; version: number };

/**
 * The conditional single-document writes of an idempotent PUT, which report a lost race as a value
 * (`duplicate`, `stale`) instead of throwing, so no caller can ignore it. Each is atomic on MongoDB;
 * FerretDB v1 makes the conditional replace and delete read-then-write (see the README).
 */
export async function insertUnlessPresent<T extends VersionedDocument>(
  collection: Collection<T>,
  document: T,
): Promise<"inserted" | "duplicate"> {
  try {
    await collection.insertOne(document as OptionalUnlessRequiredId<T>);
    return "inserted";
  } catch (error) {
    if (isDuplicateKeyError(error)) return "duplicate";
    throw error;
  }
}

export async function replaceIfVersion<T extends VersionedDocument>(
  collection: Collection<T>,
  document: T,
  expectedVersion: number,
): Promise<"replaced" | "stale"> {
  const filter = { _id: document._id, version: expectedVersion } as Filter<T>;
  const result = await collection.replaceOne(filter, document as WithoutId<T>);
  return result.matchedCount === 1 ? "replaced" : "stale";
}

export async function deleteIfVersion<T extends VersionedDocument>(
  collection: Collection<T>,
  id: string,
  expectedVersion: number,
): Promise<"removed" | "stale"> {
  const result = await collection.deleteOne({ _id: id, version: expectedVersion } as Filter<T>);
  return result.deletedCount === 1 ? "removed" : "stale";
}
