import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { uniqueId } from "@starter/testing";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { type CoordinationJournal, type JournalEntry, recoverUnfinished } from "../src/index.ts";
import { type Shared, toLegacy, toNew, useCoordination } from "./coordination-fixture.ts";

const ctx = useCoordination();
const shared: Shared = { owner: "u-7", size: 2 };
const silent = pino({ level: "silent" });

/** What a coordinator journals before its first write; the test then plays the writes a crash interrupted. */
async function crashedCoordination(id: string): Promise<JournalEntry> {
  const entry: JournalEntry = {
    coordinationId: randomUUID(),
    resourceId: id,
    startedAt: new Date(Date.now() - 60_000),
    participants: [
      { participant: "legacy", intended: { kind: "present", request: toLegacy(shared) }, original: { kind: "absent" } },
      { participant: "new", intended: { kind: "present", request: toNew(shared) }, original: { kind: "absent" } },
    ],
  };
  await ctx.journal.begin(entry);
  return entry;
}

const putDirectly = (url: string, id: string, body: unknown) =>
  fetch(`${url}/r/${id}`, {
    method: "PUT",
    headers: { "content-type": "application/json", "if-none-match": "*" },
    body: JSON.stringify(body),
  });

describe("recovery of coordinations whose caller crashed part-way", () => {
  it("When only the legacy side was written before the crash, then recovery puts it back: reverted", async () => {
    const id = uniqueId("rec");
    const entry = await crashedCoordination(id);
    await putDirectly(ctx.legacy.url, id, toLegacy(shared));

    expect(await ctx.coordinator().recover(entry)).toBe("reverted");
    expect(ctx.legacy.valueOf(id)).toBeUndefined();
    expect(ctx.fresh.valueOf(id)).toBeUndefined();
  });

  it("When both sides were written before the crash, then recovery finds them consistent: committed", async () => {
    const id = uniqueId("rec");
    const entry = await crashedCoordination(id);
    await putDirectly(ctx.legacy.url, id, toLegacy(shared));
    await putDirectly(ctx.fresh.url, id, toNew(shared));

    expect(await ctx.coordinator().recover(entry)).toBe("committed");
    expect(ctx.fresh.valueOf(id)).toEqual(toNew(shared));
  });

  it("When someone else changed a side since, then recovery does not overwrite it: drift, recorded", async () => {
    const id = uniqueId("rec");
    const entry = await crashedCoordination(id);
    await putDirectly(ctx.legacy.url, id, { owner: "someone else" });

    expect(await ctx.coordinator().recover(entry)).toBe("drift");
    expect(ctx.legacy.valueOf(id)).toEqual({ owner: "someone else" });
    expect((await ctx.drifts.listOpen()).some((d) => d.coordinationId === entry.coordinationId)).toBe(true);
  });

  it("When recovery runs over the journal, then every unfinished entry is finished and none stays in progress", async () => {
    const entries = await Promise.all([crashedCoordination(uniqueId("rec")), crashedCoordination(uniqueId("rec"))]);
    await putDirectly(ctx.legacy.url, entries[0]?.resourceId ?? "", toLegacy(shared));

    const counts = await recoverUnfinished(ctx.coordinator(), ctx.journal, { settleMs: 5_000, log: silent });

    expect(counts.committed + counts.reverted + counts.drift).toBeGreaterThanOrEqual(2);
    const unfinished = await ctx.journal.listUnfinished(new Date());
    expect(unfinished.filter((e) => entries.some((x) => x.coordinationId === e.coordinationId))).toEqual([]);
  });

  it("When a coordination runs normally, then its journal entry is finished with its outcome (just after the answer)", async () => {
    const id = uniqueId("rec");
    const outcome = await ctx.coordinator().put(id, shared);
    expect(outcome.kind).toBe("committed");

    const stillOpen = async () =>
      (await ctx.journal.listUnfinished(new Date(Date.now() + 1_000))).some(
        (e) => e.coordinationId === outcome.coordinationId,
      );
    // The finish is written after the answer: bounded wait for it, not a sleep.
    for (let attempt = 0; attempt < 50 && (await stillOpen()); attempt++) await sleep(20);
    expect(await stillOpen()).toBe(false);
  });

  it("When a process settles its coordinator before it closes the database, then the finishes its answers did not wait for are written first", async () => {
    let finishesWritten = 0;
    const slowFinishes: CoordinationJournal = {
      begin: (entry) => ctx.journal.begin(entry),
      step: (coordinationId, step) => ctx.journal.step(coordinationId, step),
      listUnfinished: (before) => ctx.journal.listUnfinished(before),
      finish: async (coordinationId, outcome) => {
        await sleep(300);
        await ctx.journal.finish(coordinationId, outcome);
        finishesWritten++;
      },
    };
    const coordinator = ctx.coordinatorWith({ journal: slowFinishes });
    const outcomes = await Promise.all([
      coordinator.put(uniqueId("rec"), shared),
      coordinator.put(uniqueId("rec"), shared),
    ]);
    expect(finishesWritten).toBe(0);

    await coordinator.settle();

    expect(finishesWritten).toBe(2);
    const unfinished = await ctx.journal.listUnfinished(new Date(Date.now() + 60_000));
    expect(unfinished.filter((e) => outcomes.some((o) => o.coordinationId === e.coordinationId))).toEqual([]);
  });
});
