import { connectTestDatabase, type TestDatabase, uniqueId } from "@starter/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MongoAggregateRepository, type StoredAggregate } from "./aggregate-repository.ts";

type Note = { readonly id: string; readonly version: number; readonly ownerId: string; readonly text: string };

let test: TestDatabase;
beforeAll(async () => {
  test = await connectTestDatabase();
});
afterAll(async () => {
  await test?.[Symbol.asyncDispose]();
});

describe("MongoAggregateRepository", () => {
  it("When an aggregate is stored with the default mapping, then the document is its members with the id as _id, and it reads back equal", async () => {
    const collection = test.db.collection<StoredAggregate<Note>>(uniqueId("notes"));
    const notes = new MongoAggregateRepository<Note>(collection);
    const note = { id: uniqueId("n"), version: 1, ownerId: "o-1", text: "hello" };

    expect(await notes.insert(note)).toBe("inserted");

    expect(await collection.findOne({ _id: note.id })).toEqual({
      _id: note.id,
      version: 1,
      ownerId: "o-1",
      text: "hello",
    });
    expect(await notes.findById(note.id)).toEqual(note);
  });

  it("When a list is filtered, then each member given is an equality, an undefined one is no filter, in id order and pages", async () => {
    const notes = new MongoAggregateRepository<Note>(test.db.collection(uniqueId("notes")));
    for (const [id, ownerId] of [
      ["c", "o-1"],
      ["a", "o-1"],
      ["b", "o-2"],
      ["d", "o-1"],
    ] as const) {
      await notes.insert({ id, version: 1, ownerId, text: id });
    }

    const first = await notes.list({ ownerId: "o-1", text: undefined }, { limit: 2 });
    const second = await notes.list({ ownerId: "o-1" }, { limit: 2, afterId: "c" });

    expect(first.items.map((note) => note.id)).toEqual(["a", "c"]);
    expect(first.hasMore).toBe(true);
    expect(second).toEqual({ items: [{ id: "d", version: 1, ownerId: "o-1", text: "d" }], hasMore: false });
  });
});
