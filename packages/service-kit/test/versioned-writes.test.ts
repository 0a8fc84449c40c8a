import { connectTestDatabase, type TestDatabase, uniqueId } from "@starter/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Access, EVERYTHING } from "../src/auth/index.ts";
import { AppError } from "../src/errors/index.ts";
import { MongoVersionedRepository } from "../src/mongo/index.ts";
import { NO_PRECONDITION, type Revision, VersionedWrites } from "../src/versioned-writes/index.ts";

/** A test-only aggregate: the engine knows nothing of deliveries. */
type Note = { readonly id: string; readonly version: number; readonly text: string; readonly owner: string };
type NoteDocument = { _id: string; version: number; text: string; owner: string };

class NoteNotFoundError extends AppError {
  constructor(id: string) {
    super("note.not_found", `note ${id} does not exist`);
  }
}

/** The real adapter, with another writer slipping in between our read and our write `races` times. */
class RacedNotes extends MongoVersionedRepository<Note, NoteDocument> {
  races: number;

  constructor(test: TestDatabase, races = 0) {
    super(test.db.collection<NoteDocument>("notes"), {
      toDocument: ({ id, ...rest }) => ({ _id: id, ...rest }),
      fromDocument: ({ _id, ...rest }) => ({ id: _id, ...rest }),
    });
    this.races = races;
  }

  override async replace(note: Note, expectedVersion: number): Promise<"replaced" | "stale"> {
    await this.#race(note.id);
    return super.replace(note, expectedVersion);
  }

  override async remove(id: string, expectedVersion: number): Promise<"removed" | "stale"> {
    await this.#race(id);
    return super.remove(id, expectedVersion);
  }

  async #race(id: string): Promise<void> {
    if (this.races === 0) return;
    this.races -= 1;
    const current = await this.findById(id);
    if (current)
      await super.replace({ ...current, text: "other writer", version: current.version + 1 }, current.version);
  }
}

/** The real adapter, counting its reads. */
class CountedNotes extends RacedNotes {
  reads = 0;

  override async findById(id: string): Promise<Note | undefined> {
    this.reads += 1;
    return super.findById(id);
  }
}

const rules = (id: string, text: string, owner = "alice") => ({
  create: () => ({ id, version: 1, text, owner }),
  revise: (current: Note): Revision<Note> =>
    current.text === text && current.owner === owner
      ? { value: current, changed: false }
      : { value: { ...current, text, owner, version: current.version + 1 }, changed: true },
});

let database: TestDatabase;
beforeAll(async () => {
  database = await connectTestDatabase();
});
afterAll(async () => {
  await database[Symbol.asyncDispose]();
});

const engine = (notes: RacedNotes) => new VersionedWrites(notes, { notFound: (id) => new NoteNotFoundError(id) });

class NoteForbiddenError extends AppError {
  constructor(id: string) {
    super("note.owner_forbidden", `note ${id} cannot be given to someone else`);
  }
}

const ownedEngine = (notes: RacedNotes) =>
  new VersionedWrites(notes, {
    notFound: (id) => new NoteNotFoundError(id),
    ownership: { ownerOf: (note) => note.owner, forbidden: (id) => new NoteForbiddenError(id) },
  });
const alice: Access = { everything: false, ownerId: "alice" };
const bob: Access = { everything: false, ownerId: "bob" };

describe("the versioned-write engine against the real database", () => {
  it("When the same PUT is sent three times, then created, unchanged, unchanged; another body replaces", async () => {
    const writes = engine(new RacedNotes(database));
    const id = uniqueId("n");
    const outcomes = [];
    for (let i = 0; i < 3; i++)
      outcomes.push((await writes.createOrReplace(id, NO_PRECONDITION, EVERYTHING, rules(id, "a"))).outcome);
    const replaced = await writes.createOrReplace(id, NO_PRECONDITION, EVERYTHING, rules(id, "b"));

    expect(outcomes).toEqual(["created", "unchanged", "unchanged"]);
    expect(replaced).toMatchObject({ outcome: "replaced", value: { text: "b", version: 2 }, previous: { text: "a" } });
  });

  it("When another writer changes it between our read and write, then we re-read and apply on top (no lost update)", async () => {
    const notes = new RacedNotes(database);
    const id = uniqueId("n");
    await notes.insert({ id, version: 1, text: "a", owner: "alice" });
    notes.races = 1;

    const result = await engine(notes).createOrReplace(id, NO_PRECONDITION, EVERYTHING, rules(id, "b"));

    expect(notes.races).toBe(0);
    expect(result).toMatchObject({ outcome: "replaced", value: { text: "b", version: 3 } });
    expect(await notes.findById(id)).toMatchObject({ text: "b", version: 3 });
  });

  it.each([
    ["names only the version read", [1], "412, and the other write stands", { text: "other writer", version: 2 }],
    ["also names the version it was overtaken by", [1, 2], "the write goes on top", { text: "b", version: 3 }],
  ])("When the If-Match %s and another writer overtakes it, then %s", async (_, versions, __, stored) => {
    const notes = new RacedNotes(database);
    const id = uniqueId("n");
    await notes.insert({ id, version: 1, text: "a", owner: "alice" });
    notes.races = 1;

    const put = engine(notes).createOrReplace(id, { kind: "version-in", versions }, EVERYTHING, rules(id, "b"));

    if (versions.length === 1) await expect(put).rejects.toMatchObject({ code: "request.precondition_failed" });
    else expect(await put).toMatchObject({ outcome: "replaced" });
    expect(await notes.findById(id)).toMatchObject(stored);
  });

  it("When a precondition does not hold (If-None-Match: * on an existing one, If-Match on an absent one), then 412", async () => {
    const writes = engine(new RacedNotes(database));
    const id = uniqueId("n");
    await writes.createOrReplace(id, NO_PRECONDITION, EVERYTHING, rules(id, "a"));

    await expect(writes.createOrReplace(id, { kind: "absent" }, EVERYTHING, rules(id, "b"))).rejects.toMatchObject({
      code: "request.precondition_failed",
    });
    await expect(writes.remove(uniqueId("n"), { kind: "present" }, EVERYTHING)).rejects.toMatchObject({
      code: "request.precondition_failed",
    });
  });

  it("When a create-only PUT (If-None-Match: *) names a new id, then it is inserted without a read first", async () => {
    const notes = new CountedNotes(database);
    const writes = engine(notes);
    const id = uniqueId("n");

    const created = await writes.createOrReplace(id, { kind: "absent" }, EVERYTHING, rules(id, "a"));

    expect(created).toMatchObject({ outcome: "created", value: { text: "a", version: 1 } });
    expect(notes.reads).toBe(0);
    await expect(writes.createOrReplace(id, { kind: "absent" }, EVERYTHING, rules(id, "b"))).rejects.toMatchObject({
      code: "request.precondition_failed",
    });
    expect(await notes.findById(id)).toMatchObject({ text: "a", version: 1 });
  });

  it("When every write loses its race, then 409 after bounded attempts, for changes and deletes alike", async () => {
    const notes = new RacedNotes(database);
    const id = uniqueId("n");
    await notes.insert({ id, version: 1, text: "a", owner: "alice" });
    notes.races = 100;
    const writes = engine(notes);

    await expect(writes.change(id, NO_PRECONDITION, EVERYTHING, rules(id, "b").revise)).rejects.toMatchObject({
      code: "resource.concurrent_modification",
    });
    await expect(writes.remove(id, NO_PRECONDITION, EVERYTHING)).rejects.toMatchObject({
      code: "resource.concurrent_modification",
    });
    expect(notes.races).toBe(90);
  });

  it("When a change or read names an absent id, then the aggregate's own not-found error; a delete of it is absent", async () => {
    const writes = engine(new RacedNotes(database));
    const id = uniqueId("n");

    await expect(writes.change(id, NO_PRECONDITION, EVERYTHING, rules(id, "b").revise)).rejects.toBeInstanceOf(
      NoteNotFoundError,
    );
    await expect(writes.get(id, EVERYTHING)).rejects.toBeInstanceOf(NoteNotFoundError);
    expect(await writes.remove(id, NO_PRECONDITION, EVERYTHING)).toBe("absent");
  });

  it("When a caller touches someone else's aggregate, then not found (before any precondition) and nothing changes", async () => {
    const notes = new RacedNotes(database);
    const writes = ownedEngine(notes);
    const id = uniqueId("n");
    await writes.createOrReplace(id, NO_PRECONDITION, alice, rules(id, "a"));
    await expect(writes.get(id, bob)).rejects.toBeInstanceOf(NoteNotFoundError);
    await expect(writes.createOrReplace(id, { kind: "absent" }, bob, rules(id, "b", "bob"))).rejects.toBeInstanceOf(
      NoteNotFoundError,
    );
    // Naming its owner (a replay of the owner's body), with or without If-None-Match: * (how a coordinator
    // writes to a side that looked absent to the caller), is not found too, never a 403 that would differ
    // from what the same PUT of an id nobody holds answers.
    for (const precondition of [NO_PRECONDITION, { kind: "absent" } as const]) {
      await expect(writes.createOrReplace(id, precondition, bob, rules(id, "b", "alice"))).rejects.toBeInstanceOf(
        NoteNotFoundError,
      );
    }
    await expect(writes.change(id, NO_PRECONDITION, bob, rules(id, "b").revise)).rejects.toBeInstanceOf(
      NoteNotFoundError,
    );
    await expect(writes.remove(id, NO_PRECONDITION, bob)).rejects.toBeInstanceOf(NoteNotFoundError);
    expect(await notes.findById(id)).toMatchObject({ text: "a", owner: "alice", version: 1 });
    expect((await writes.get(id, EVERYTHING)).owner).toBe("alice");
  });

  it("When a caller creates for, or moves its aggregate to, another owner, then forbidden unless it may access everything", async () => {
    const notes = new RacedNotes(database);
    const writes = ownedEngine(notes);
    const id = uniqueId("n");
    for (const precondition of [NO_PRECONDITION, { kind: "absent" } as const]) {
      await expect(writes.createOrReplace(id, precondition, alice, rules(id, "a", "bob"))).rejects.toBeInstanceOf(
        NoteForbiddenError,
      );
    }
    expect(await notes.findById(id)).toBeUndefined();
    await writes.createOrReplace(id, NO_PRECONDITION, alice, rules(id, "a"));
    await expect(writes.createOrReplace(id, NO_PRECONDITION, alice, rules(id, "a", "bob"))).rejects.toBeInstanceOf(
      NoteForbiddenError,
    );
    const moved = await writes.createOrReplace(id, NO_PRECONDITION, EVERYTHING, rules(id, "a", "bob"));
    expect(moved).toMatchObject({ outcome: "replaced", value: { owner: "bob" } });
    expect((await writes.get(id, bob)).owner).toBe("bob");
    await expect(writes.get(id, alice)).rejects.toBeInstanceOf(NoteNotFoundError);
  });
});
