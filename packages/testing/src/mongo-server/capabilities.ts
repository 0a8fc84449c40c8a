import { MongoClient } from "mongodb";

export type ServerCapabilities = {
  readonly name: string;
  /**
   * Whether a conditional single-document update is atomic. FerretDB v1 reads then writes, so two
   * concurrent `replaceOne({ _id, version })` can both match; tests that need atomicity skip there.
   */
  readonly atomicConditionalUpdates: boolean;
  /** FerretDB v1 refuses TTL and partial indexes. */
  readonly ttlIndexes: boolean;
};

export async function detectCapabilities(uri: string): Promise<ServerCapabilities> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 10_000 });
  try {
    const info = await client.db("admin").command({ buildInfo: 1 });
    // FerretDB answers buildInfo with the MongoDB version it emulates plus fields of its own.
    const isFerret = "ferretdbVersion" in info || "ferretdbFeatures" in info;
    const name = isFerret ? `FerretDB (speaking MongoDB ${String(info.version)})` : `MongoDB ${String(info.version)}`;
    return { name, atomicConditionalUpdates: !isFerret, ttlIndexes: !isFerret };
  } finally {
    await client.close();
  }
}
