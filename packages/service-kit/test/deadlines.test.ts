import { connectTestDatabase, startTcpProxy, type TestDatabase, uniqueId } from "@starter/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { EVERYTHING } from "../src/auth/index.ts";
import { Deadline, runWithDeadline } from "../src/deadlines/index.ts";
import { AppError, DeadlineExceededError } from "../src/errors/index.ts";
import { connectMongo, isDatabaseUnavailableError, MongoVersionedRepository } from "../src/mongo/index.ts";
import { NO_PRECONDITION, VersionedWrites } from "../src/versioned-writes/index.ts";

type Note = { readonly id: string; readonly version: number; readonly text: string };
type NoteDocument = { _id: string; version: number; text: string };

class NoteNotFoundError extends AppError {
  constructor(id: string) {
    super("note.not_found", `note ${id} does not exist`);
  }
}

const collectionName = `deadline_notes_${uniqueId("c")}`;
const mapping = {
  toDocument: ({ id, ...rest }: Note): NoteDocument => ({ _id: id, ...rest }),
  fromDocument: ({ _id, ...rest }: NoteDocument): Note => ({ id: _id, ...rest }),
};
const create = (id: string) => ({ create: () => ({ id, version: 1, text: "hi" }), revise: () => assertNever() });
function assertNever(): never {
  throw new Error("the note was not expected to exist");
}

/** The run's database through a loopback proxy that can hang, with a pool of one connection. */
async function onePoolConnection(extra: { waitQueueTimeoutMS?: number } = {}) {
  const proxy = await startTcpProxy(inject("mongoUri"));
  const uri = `${proxy.uri}${proxy.uri.includes("?") ? "&" : "/?"}maxPoolSize=1`;
  const mongo = await connectMongo({
    uri,
    dbName: inject("mongoDbName"),
    serverSelectionTimeoutMS: 5_000,
    appName: "deadline-test",
    ...extra,
  });
  return {
    proxy,
    mongo,
    /** Holds the pool's only connection for `ms`: a command whose bytes the proxy keeps that long. */
    hold: async (ms: number) => {
      proxy.delayRequests(ms);
      const held = mongo.db.command({ ping: 1 }).catch(() => undefined);
      // Long enough for its bytes to reach the proxy, which delays each chunk as it arrives.
      await new Promise((resolve) => setTimeout(resolve, 100));
      proxy.delayRequests(0);
      return { released: held };
    },
    [Symbol.asyncDispose]: async () => {
      await mongo.stop();
      await proxy[Symbol.asyncDispose]();
    },
  };
}

let database: TestDatabase;
beforeAll(async () => {
  database = await connectTestDatabase();
});
afterAll(async () => {
  await database[Symbol.asyncDispose]();
});
const stored = (id: string) => database.db.collection<NoteDocument>(collectionName).findOne({ _id: id });

describe("the write engine and the request's deadline", () => {
  it("When the deadline passes while the engine reads, then the write never starts (503), and nothing is stored", async () => {
    class SlowReadNotes extends MongoVersionedRepository<Note, NoteDocument> {
      override async findById(id: string): Promise<Note | undefined> {
        const found = await super.findById(id);
        await new Promise((resolve) => setTimeout(resolve, 80)); // the read answers after the deadline
        return found;
      }
    }
    const notes = new SlowReadNotes(database.db.collection<NoteDocument>(collectionName), mapping);
    const writes = new VersionedWrites(notes, { notFound: (id) => new NoteNotFoundError(id) });
    const id = uniqueId("note");

    const put = runWithDeadline(new Deadline(40), () =>
      writes.createOrReplace(id, NO_PRECONDITION, EVERYTHING, create(id)),
    );

    await expect(put).rejects.toBeInstanceOf(DeadlineExceededError);
    expect(await stored(id)).toBeNull();
  });

  it("When a request has time left, then the engine writes as always", async () => {
    const notes = new MongoVersionedRepository(database.db.collection<NoteDocument>(collectionName), mapping);
    const writes = new VersionedWrites(notes, { notFound: (id) => new NoteNotFoundError(id) });
    const id = uniqueId("note");

    const put = await runWithDeadline(new Deadline(5_000), () =>
      writes.createOrReplace(id, NO_PRECONDITION, EVERYTHING, create(id)),
    );

    expect(put.outcome).toBe("created");
    expect(await stored(id)).toEqual({ _id: id, version: 1, text: "hi" });
  });
});

describe("the pool's wait, bounded", () => {
  it("When a write waits for a connection past the request's deadline, then it leaves the queue (503) and never reaches the database", async () => {
    await using pool = await onePoolConnection();
    const notes = new MongoVersionedRepository(pool.mongo.db.collection<NoteDocument>(collectionName), mapping);
    const id = uniqueId("note");
    const held = await pool.hold(1_500);

    const started = performance.now();
    const insert = runWithDeadline(new Deadline(200), () => notes.insert({ id, version: 1, text: "late" }));
    await expect(insert).rejects.toBeInstanceOf(DeadlineExceededError);
    const waitedMs = performance.now() - started;
    await held.released;

    expect(await stored(id)).toBeNull();
    process.stdout.write(`[deadline] a queued write refused after ${waitedMs.toFixed(0)} ms (deadline 200 ms)\n`);
  });

  it("When every connection is taken for longer than waitQueueTimeoutMS (REQUEST_DEADLINE_MS), then an operation fails as unavailable (503) instead of queueing", async () => {
    await using pool = await onePoolConnection({ waitQueueTimeoutMS: 300 });
    const held = await pool.hold(1_500);

    const started = performance.now();
    const error = await pool.mongo.db
      .collection(collectionName)
      .findOne({ _id: uniqueId("note") } as never)
      .then(
        () => undefined,
        (failure: unknown) => failure,
      );
    const waitedMs = performance.now() - started;
    await held.released;

    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe("MongoWaitQueueTimeoutError");
    expect(isDatabaseUnavailableError(error)).toBe(true);
    process.stdout.write(
      `[deadline] the pool's wait gave up after ${waitedMs.toFixed(0)} ms (waitQueueTimeoutMS 300)\n`,
    );
  });
});
