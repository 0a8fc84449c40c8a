import { MongoVersionedRepository } from "@starter/service-kit/mongo";
import type { Collection } from "mongodb";
import { describe, expect, it } from "vitest";
import { MemoryCollection, memoryDatabase } from "./servers/memory-collection.ts";

type Note = { id: string; version: number; owner: string; at: Date };
type NoteDocument = { _id: string; version: number; owner: string; at: Date };

/** The kit's real adapter over the in-memory collection, as the benchmark's template uses it. */
function notes(): { repository: MongoVersionedRepository<Note, NoteDocument>; collection: MemoryCollection } {
  const collection = new MemoryCollection();
  const repository = new MongoVersionedRepository<Note, NoteDocument>(
    collection as unknown as Collection<NoteDocument>,
    {
      toDocument: ({ id, ...rest }) => ({ _id: id, ...rest }),
      fromDocument: ({ _id, ...rest }) => ({ id: _id, ...rest }),
    },
  );
  return { repository, collection };
}

describe("the benchmark's in-memory collection", () => {
  it("When the write engine's calls run on it, then inserts, conditional replaces and deletes answer as on MongoDB", async () => {
    const { repository } = notes();
    const note = { id: "n-1", version: 1, owner: "alice", at: new Date("2026-12-01T10:00:00Z") };

    expect(await repository.insert(note)).toBe("inserted");
    expect(await repository.insert(note)).toBe("duplicate");
    expect(await repository.replace({ ...note, version: 2 }, 5)).toBe("stale");
    expect(await repository.replace({ ...note, version: 2, owner: "bob" }, 1)).toBe("replaced");
    expect(await repository.findById("n-1")).toEqual({ ...note, version: 2, owner: "bob" });
    expect(await repository.remove("n-1", 1)).toBe("stale");
    expect(await repository.remove("n-1", 2)).toBe("removed");
    expect(await repository.findById("n-1")).toBeUndefined();
  });

  it("When a document is read and the copy changed, then the stored one is not (a copy in, a copy out)", async () => {
    const { collection } = notes();
    const written = { _id: "n-2", version: 1, owner: "alice", at: new Date(0) };
    await collection.insertOne(written);
    written.owner = "mallory";

    const read = await collection.findOne({ _id: "n-2" });
    if (read) read.owner = "eve";

    expect(await collection.findOne({ _id: "n-2" })).toEqual({
      _id: "n-2",
      version: 1,
      owner: "alice",
      at: new Date(0),
    });
  });

  it("When a page is asked for, then the filter, the order by id, $gt on the id and the limit hold", async () => {
    const collection = memoryDatabase().collection("pages") as unknown as MemoryCollection;
    for (const id of ["c", "a", "d", "b"]) await collection.insertOne({ _id: id, owner: id === "d" ? "bob" : "alice" });

    const page = await collection
      .find({ owner: "alice", _id: { $gt: "a" } })
      .sort({ _id: 1 })
      .limit(5)
      .toArray();

    expect(page.map((document) => document._id)).toEqual(["b", "c"]);
  });

  it("When a query uses what the store does not understand, then it throws instead of ignoring it", async () => {
    const collection = new MemoryCollection();

    await expect(collection.findOne({ version: { $lt: 3 } })).rejects.toThrow("unsupported condition on version");
    await expect(collection.find({ version: { $in: [1] } }).toArray()).rejects.toThrow("unsupported condition");
    expect(() => collection.find({}).sort({ owner: -1 })).toThrow("unsupported sort");
  });
});
