import type { Collection, InsertOneOptions, OptionalUnlessRequiredId } from "mongodb";
import { isDuplicateKeyError } from "./errors.ts";

/**
 * Inserts a document unless one with its `_id` exists: a unique insert is atomic on MongoDB and on FerretDB
 * alike, so it is how every store here decides "exactly one winner" (a create, a claim, a key).
 */
export async function insertUnlessPresent<T extends { _id: string }>(
  collection: Collection<T>,
  document: T,
  options: InsertOneOptions = {},
): Promise<"inserted" | "duplicate"> {
  try {
    await collection.insertOne(document as OptionalUnlessRequiredId<T>, options);
    return "inserted";
  } catch (error) {
    if (isDuplicateKeyError(error)) return "duplicate";
    throw error;
  }
}
