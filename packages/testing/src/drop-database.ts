import { MongoClient } from "mongodb";

/** Drops a database the tests made, over a client of its own (the one that used it may be closed). */
export async function dropDatabase(uri: string, dbName: string): Promise<void> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5_000 });
  try {
    await client.db(dbName).dropDatabase();
  } finally {
    await client.close();
  }
}
