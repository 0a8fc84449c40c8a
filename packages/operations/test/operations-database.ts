import { randomBytes } from "node:crypto";
import { connectTestDatabase, type TestDatabase } from "@starter/testing";
import type { Db } from "mongodb";
import { afterAll, beforeAll } from "vitest";
import { createOperationIndexes } from "../src/mongo/index.ts";

/**
 * A database of the test file's own, with the operation indexes: the only workers claiming there are the
 * file's, so no other file's worker takes what its tests leave pending. Dropped after the file.
 */
export function useOperationsDatabase(): () => Db {
  let database: TestDatabase | undefined;
  let db: Db | undefined;
  beforeAll(async () => {
    database = await connectTestDatabase();
    db = database.client.db(`${database.db.databaseName}_operations_${randomBytes(3).toString("hex")}`);
    await createOperationIndexes(db);
  });
  afterAll(async () => {
    await db?.dropDatabase();
    await database?.[Symbol.asyncDispose]();
  });
  return () => {
    if (!db) throw new Error("the operations database is not ready (used outside a test?)");
    return db;
  };
}
