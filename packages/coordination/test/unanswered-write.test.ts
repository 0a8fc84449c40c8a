import { setTimeout as sleep } from "node:timers/promises";
import { uniqueId } from "@starter/testing";
import { beforeEach, describe, expect, it } from "vitest";
import type { CoordinationOutcome, JournalEntry } from "../src/index.ts";
import { FAST_POLICY, toLegacy, toNew, useCoordination } from "./coordination-fixture.ts";

const ctx = useCoordination();
const shared = { owner: "u-9", size: 4 };
/** Longer than the test participants' hang: a write applied late has landed by then. */
const SETTLE_MS = 400;

beforeEach(() => {
  ctx.legacy.clearFaults();
  ctx.fresh.clearFaults();
});

/** The coordination's unfinished journal entry, as recovery finds it once it is old enough. */
async function unfinishedEntry(outcome: CoordinationOutcome): Promise<JournalEntry | undefined> {
  const unfinished = await ctx.journal.listUnfinished(new Date(Date.now() + 1_000));
  return unfinished.find((entry) => entry.coordinationId === outcome.coordinationId);
}

describe("a write that goes unanswered", () => {
  it("When the new side applies a write after its caller gave up on it, then the coordination is unknown, nothing is put back, and recovery after the settle time finds both sides written: committed", async () => {
    const id = uniqueId("late");
    // Both attempts go unanswered; the second is applied after the coordinator has read the side back.
    ctx.fresh.failNext("write", "timeout-before");
    ctx.fresh.failNext("write", "applied-late");

    const outcome = await ctx.coordinator().put(id, shared);

    expect(outcome).toMatchObject({ kind: "unknown", failure: { participant: "new", unanswered: "timed_out" } });
    // What the read-back saw (nothing yet on the new side) decided nothing: the legacy side was not put back.
    expect(ctx.legacy.valueOf(id)).toEqual(toLegacy(shared));
    const entry = await unfinishedEntry(outcome);
    expect(entry?.resourceId).toBe(id);
    await sleep(SETTLE_MS);
    expect(ctx.fresh.valueOf(id)).toEqual(toNew(shared));

    expect(await ctx.coordinator().recover(entry as JournalEntry)).toBe("committed");
    expect(await unfinishedEntry(outcome)).toBeUndefined();
  });

  it("When the unanswered write never lands, then recovery after the settle time puts the other side back: reverted, both absent", async () => {
    const id = uniqueId("lost");
    ctx.fresh.failNext("write", "timeout-before", 2);

    const outcome = await ctx.coordinator("parallel", 120).put(id, shared);

    expect(outcome.kind).toBe("unknown");
    const entry = await unfinishedEntry(outcome);
    await sleep(SETTLE_MS);
    expect(await ctx.coordinator().recover(entry as JournalEntry)).toBe("reverted");
    expect([ctx.legacy.valueOf(id), ctx.fresh.valueOf(id)]).toEqual([undefined, undefined]);
  });

  it("When a write's first attempt goes unanswered and its retry is refused with a 500, then the first may still land: unknown, not failed", async () => {
    const id = uniqueId("retry");
    ctx.fresh.failNext("write", "applied-late");
    ctx.fresh.failNext("write", "fail-before");

    const outcome = await ctx.coordinator().put(id, shared);

    expect(outcome).toMatchObject({ kind: "unknown", failure: { participant: "new", status: 500 } });
    expect(ctx.legacy.valueOf(id)).toEqual(toLegacy(shared));
    await sleep(SETTLE_MS);
    expect(ctx.fresh.valueOf(id)).toEqual(toNew(shared));
    expect(await ctx.coordinator().recover((await unfinishedEntry(outcome)) as JournalEntry)).toBe("committed");
  });

  it("When a write is refused outright (422), then the outcome is known: the other side is put back at once", async () => {
    const id = uniqueId("refused");
    ctx.fresh.failNext("write", "reject");

    const coordinator = ctx.coordinator();
    const outcome = await coordinator.put(id, shared);
    await coordinator.settle();

    expect(outcome.kind).toBe("reverted");
    expect(ctx.legacy.valueOf(id)).toBeUndefined();
    expect(await unfinishedEntry(outcome)).toBeUndefined();
  });
});

describe("how long a participant is waited for", () => {
  it("When the coordinator calls a side, then it says how long it waits for that attempt (X-Request-Timeout-Ms): the attempt's timeout, never past the coordination's deadline", async () => {
    const before = ctx.fresh.seenHeaders.length;
    await ctx.coordinator().put(uniqueId("t"), shared);
    await ctx.coordinator("parallel", 120).put(uniqueId("t"), shared);

    const waited = ctx.fresh.seenHeaders.slice(before).map((headers) => Number(headers.timeoutMs));
    expect(waited.length).toBeGreaterThanOrEqual(4);
    for (const ms of waited) {
      expect(ms).toBeGreaterThan(0);
      expect(ms).toBeLessThanOrEqual(FAST_POLICY.timeoutMs);
    }
    expect(waited.slice(-2).every((ms) => ms <= 120)).toBe(true);
  });
});
