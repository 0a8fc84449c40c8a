import { connectTestDatabase, type TestDatabase, uniqueId } from "@starter/testing";
import { MongoClient } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JournalEntry } from "../src/journal.ts";
import {
  createJournalIndexes,
  JOURNAL_COLLECTION,
  JOURNAL_STEPS_COLLECTION,
  MongoCoordinationJournal,
} from "../src/mongo/index.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await connectTestDatabase();
});
afterAll(async () => {
  await database[Symbol.asyncDispose]();
});

const MINUTE = 60_000;

function entry(startedAt: Date): JournalEntry {
  return {
    coordinationId: uniqueId("c"),
    resourceId: uniqueId("d"),
    startedAt,
    participants: [{ participant: "legacy", intended: { kind: "absent" }, original: { kind: "absent" } }],
  };
}

describe("MongoCoordinationJournal", () => {
  it("When the indexes are created twice, then recovery's query has its index and the second call changes nothing", async () => {
    const first = await createJournalIndexes(database.db);
    const second = await createJournalIndexes(database.db);

    expect(second).toEqual(first);
    const names = (await database.db.collection(JOURNAL_COLLECTION).listIndexes().toArray()).map((i) => i.name);
    expect(names).toContain("status_startedAt");
  });

  it("When a coordination finishes, then it and its steps go after the retention; an unfinished one stays and is recovered", async () => {
    const journal = new MongoCoordinationJournal(database.db, { retentionMs: MINUTE });
    const longAgo = new Date(Date.now() - 60 * MINUTE);
    const finished = entry(longAgo);
    const unfinished = entry(longAgo);
    await journal.begin(finished);
    await journal.begin(unfinished);
    await journal.step(finished.coordinationId, { participant: "legacy", action: "revert", result: "204" });
    await journal.step(unfinished.coordinationId, { participant: "legacy", action: "write", result: "503" });
    await journal.finish(finished.coordinationId, "reverted");
    const entries = database.db.collection(JOURNAL_COLLECTION);
    const steps = database.db.collection(JOURNAL_STEPS_COLLECTION);
    const ids = [finished.coordinationId, unfinished.coordinationId];
    const held = async () => ({
      entries: (await entries.find({ _id: { $in: ids } } as object).toArray()).map((d) => d._id).sort(),
      steps: (await steps.find({ coordinationId: { $in: ids } }).toArray()).map((d) => d.coordinationId).sort(),
    });

    await journal.deleteExpired(new Date());
    expect(await held()).toEqual({ entries: [...ids].sort(), steps: [...ids].sort() });

    await journal.deleteExpired(new Date(Date.now() + 2 * MINUTE));
    expect(await held()).toEqual({ entries: [unfinished.coordinationId], steps: [] });
    const recoverable = await journal.listUnfinished(new Date());
    expect(recoverable.map((e) => e.coordinationId)).toContain(unfinished.coordinationId);
  });

  it("When many coordinations finish at once, then they go in a few updates and each finish settles once written", async () => {
    const client = await new MongoClient(database.uri, { monitorCommands: true }).connect();
    try {
      const updates: number[] = [];
      client.on("commandStarted", (event) => {
        if (event.commandName === "update") updates.push(event.command.updates?.length ?? 0);
      });
      const journal = new MongoCoordinationJournal(client.db(database.db.databaseName));
      const entries = Array.from({ length: 20 }, () => entry(new Date()));
      for (const started of entries) await journal.begin(started);

      await Promise.all(
        entries.map((started, i) => journal.finish(started.coordinationId, i % 2 === 0 ? "committed" : "reverted")),
      );

      // The first is written alone; the 19 that arrive meanwhile go together in one command.
      expect(updates).toEqual([1, 19]);
      const stored = await database.db
        .collection(JOURNAL_COLLECTION)
        .find({ _id: { $in: entries.map((e) => e.coordinationId) } } as object)
        .toArray();
      expect(stored.map((d) => d.status).sort()).toEqual([
        ...Array<string>(10).fill("committed"),
        ...Array<string>(10).fill("reverted"),
      ]);
      expect(stored.every((d) => d.finishedAt instanceof Date && d.expiresAt instanceof Date)).toBe(true);
    } finally {
      await client.close();
    }
  });
});
