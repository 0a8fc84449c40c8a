import { connectTestDatabase, type TestDatabase, uniqueId } from "@starter/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NoteNotFoundError, NoteOwnerForbiddenError } from "../../test/route-notes.ts";
import { type Access, EVERYTHING } from "../access/index.ts";
import { MongoAggregateRepository } from "../mongo/index.ts";
import { OwnedAggregates } from "./owned-aggregates.ts";
import { NO_PRECONDITION } from "./precondition.ts";
import { reviseDetails } from "./revise-details.ts";

type NoteDetails = Readonly<{ ownerId: string; text: string }>;
type Note = NoteDetails & Readonly<{ id: string; version: number }>;

let test: TestDatabase;
let notes: OwnedAggregates<Note, NoteDetails>;
beforeAll(async () => {
  test = await connectTestDatabase();
  notes = new OwnedAggregates(new MongoAggregateRepository<Note>(test.db.collection(uniqueId("notes"))), {
    create: (id, details) => ({ id, ...details, version: 1 }),
    revise: reviseDetails,
    notFound: (id) => new NoteNotFoundError(id),
    forbidden: (id) => new NoteOwnerForbiddenError(id),
  });
});
afterAll(async () => {
  await test?.[Symbol.asyncDispose]();
});

const ownerOf = (ownerId: string): Access => ({ everything: false, ownerId });

describe("OwnedAggregates", () => {
  it("When its owner puts the same details twice, then created, then unchanged; changed details replace it", async () => {
    const id = uniqueId("n");
    const ownerId = uniqueId("o");
    const owner = ownerOf(ownerId);
    const details = { ownerId, text: "one" };

    expect((await notes.put(id, details, NO_PRECONDITION, owner)).outcome).toBe("created");
    expect((await notes.put(id, details, NO_PRECONDITION, owner)).outcome).toBe("unchanged");
    const replaced = await notes.put(id, { ...details, text: "two" }, NO_PRECONDITION, owner);

    expect(replaced).toMatchObject({ outcome: "replaced", value: { text: "two", version: 2 } });
  });

  it("When another caller reads, lists or writes someone else's note, then it is not found, listed empty, or forbidden to take", async () => {
    const id = uniqueId("n");
    const ownerId = uniqueId("o");
    await notes.put(id, { ownerId, text: "mine" }, NO_PRECONDITION, ownerOf(ownerId));
    const stranger = ownerOf(uniqueId("o"));

    await expect(notes.get(id, stranger)).rejects.toBeInstanceOf(NoteNotFoundError);
    expect((await notes.list({ ownerId }, { limit: 10 }, stranger)).items).toEqual([]);
    await expect(
      notes.put(uniqueId("n"), { ownerId, text: "for you" }, NO_PRECONDITION, stranger),
    ).rejects.toBeInstanceOf(NoteOwnerForbiddenError);
    expect((await notes.list({ ownerId }, { limit: 10 }, EVERYTHING)).items.map((note) => note.id)).toEqual([id]);
  });

  it("When the details are a function of the stored state, then each put merges onto what it read", async () => {
    const id = uniqueId("n");
    const ownerId = uniqueId("o");
    const append = (current: Note | undefined) => ({ ownerId, text: `${current?.text ?? ""}+` });

    await notes.put(id, append, NO_PRECONDITION, EVERYTHING);
    const second = await notes.put(id, append, NO_PRECONDITION, EVERYTHING);

    expect(second.value).toMatchObject({ text: "++", version: 2 });
  });
});
