import { MongoClient } from "mongodb";
import { describe, expect, inject, it } from "vitest";
import { startMongoServer } from "./start-mongo-server.ts";

describe("startMongoServer", () => {
  it("When MONGODB_URI is set, then that server is used as is and stopping it leaves it running", async () => {
    const uri = inject("mongoUri");
    const server = await startMongoServer({ MONGODB_URI: uri });

    expect(server).toMatchObject({ uri, kind: "external" });
    await server.stop();
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5_000 });
    try {
      expect((await client.db("admin").command({ ping: 1 })).ok).toBe(1);
    } finally {
      await client.close();
    }
  });

  it("When the run's server was chosen, then the tests were told which one and what it can do", () => {
    const server = inject("mongoServer");

    expect(["external", "testcontainers", "ferretdb"]).toContain(server.kind);
    expect(server.name).toMatch(/^(MongoDB|FerretDB)/);
    expect(server.atomicConditionalUpdates).toBe(server.name.startsWith("MongoDB"));
  });
});
