import { type Db, MongoClient } from "mongodb";
import { inject } from "vitest";
import "./provided-context.ts";

/** The run's database, for tests that look at documents directly or build an app on it. */
export type TestDatabase = AsyncDisposable & {
  readonly uri: string;
  readonly client: MongoClient;
  readonly db: Db;
};

export async function connectTestDatabase(): Promise<TestDatabase> {
  const uri = inject("mongoUri");
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5_000 });
  await client.connect();
  return {
    uri,
    client,
    db: client.db(inject("mongoDbName")),
    [Symbol.asyncDispose]: () => client.close(),
  };
}

export function testServer() {
  return inject("mongoServer");
}
