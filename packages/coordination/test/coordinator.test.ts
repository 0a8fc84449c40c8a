import { uniqueId } from "@starter/testing";
import { beforeEach, describe, expect, it } from "vitest";
import { driftOf, SERVICE_AUTHORIZATION, toLegacy, toNew, useCoordination } from "./coordination-fixture.ts";

const ctx = useCoordination();
const shared = { owner: "u-42", size: 3 };

beforeEach(() => {
  ctx.legacy.clearFaults();
  ctx.fresh.clearFaults();
});

describe("Coordinator.put (Map => Sync => Verify)", () => {
  it("When both sides accept, then committed and each holds its own mapping of the shared DTO", async () => {
    const id = uniqueId("c");
    const outcome = await ctx.coordinator().put(id, shared, { requestId: "req-1" });

    expect(outcome.kind).toBe("committed");
    expect(ctx.legacy.valueOf(id)).toEqual(toLegacy(shared));
    expect(ctx.fresh.valueOf(id)).toEqual(toNew(shared));
    expect(ctx.fresh.seenHeaders.at(-1)).toMatchObject({ requestId: "req-1", coordinationId: outcome.coordinationId });
  });

  it("When a coordination runs for a client, then both sides get the client's Authorization (or none), never the service's own; on nobody's behalf, the service's", async () => {
    const sent = async (context: { authorization?: string }) => {
      const [legacyBefore, freshBefore] = [ctx.legacy.seenHeaders.length, ctx.fresh.seenHeaders.length];
      await ctx.coordinator().put(uniqueId("c"), shared, { requestId: "req-auth", ...context });
      const seen = [...ctx.legacy.seenHeaders.slice(legacyBefore), ...ctx.fresh.seenHeaders.slice(freshBefore)];
      return new Set(seen.map((headers) => headers.authorization));
    };

    expect(await sent({ authorization: "Bearer a-client" })).toEqual(new Set(["Bearer a-client"]));
    expect(await sent({ authorization: "" })).toEqual(new Set([undefined]));
    expect(await sent({})).toEqual(new Set([SERVICE_AUTHORIZATION]));
  });

  it("When a client's coordination fails and a side is put back, then the revert goes with the service's own token, the client's reads and writes with the client's", async () => {
    const before = ctx.legacy.seenHeaders.length;
    ctx.fresh.failNext("write", "reject");
    const outcome = await ctx.coordinator().put(uniqueId("c"), shared, { authorization: "Bearer a-client" });

    expect(outcome.kind).toBe("reverted");
    // The legacy side: read and write for the client, then the revert on the coordinator's own behalf.
    expect(ctx.legacy.seenHeaders.slice(before).map((headers) => headers.authorization)).toEqual([
      "Bearer a-client",
      "Bearer a-client",
      SERVICE_AUTHORIZATION,
    ]);
  });

  it("When a coordination runs for a request, then every line it logs names the request and the coordination; a commit logs its outcome alone, a refusal each step that did not go as planned", async () => {
    const committed = await ctx.coordinator().put(uniqueId("c"), shared, { requestId: "req-logged" });
    ctx.fresh.failNext("write", "reject");
    const reverted = await ctx.coordinator().put(uniqueId("c"), shared, { requestId: "req-logged" });

    const linesOf = (coordinationId: string) => ctx.logLines.filter((line) => line.coordinationId === coordinationId);
    expect(linesOf(committed.coordinationId).map((line) => line.msg)).toEqual(["coordination finished"]);
    // The refused write and the revert of the other side, then the outcome.
    expect(linesOf(reverted.coordinationId).map((line) => [line.msg, line.step])).toEqual([
      ["coordination step", "write"],
      ["coordination step", "revert"],
      ["coordination finished", undefined],
    ]);
    const all = [...linesOf(committed.coordinationId), ...linesOf(reverted.coordinationId)];
    expect(all.every((line) => line.requestId === "req-logged")).toBe(true);
  });

  it("When the resources exist, then they are replaced (If-Match on what was read)", async () => {
    const id = uniqueId("c");
    ctx.legacy.seed(id, { owner: "old" });
    ctx.fresh.seed(id, { ownerId: "old", size: 1 });

    expect((await ctx.coordinator().put(id, shared)).kind).toBe("committed");
    expect(ctx.fresh.valueOf(id)).toEqual(toNew(shared));
  });

  it("When the new side refuses, then the legacy side is put back (created -> deleted) and the failure is attached", async () => {
    const id = uniqueId("c");
    ctx.fresh.failNext("write", "reject");
    const outcome = await ctx.coordinator().put(id, shared);

    expect(outcome).toMatchObject({ kind: "reverted", failure: { participant: "new", status: 422 } });
    expect(ctx.legacy.valueOf(id)).toBeUndefined();
    expect(ctx.fresh.valueOf(id)).toBeUndefined();
  });

  it("When the new side refuses a replacement, then the legacy side gets its earlier representation back", async () => {
    const id = uniqueId("c");
    ctx.legacy.seed(id, { owner: "before" });
    ctx.fresh.seed(id, { ownerId: "before", size: 1 });
    ctx.fresh.failNext("write", "reject");

    expect((await ctx.coordinator().put(id, shared)).kind).toBe("reverted");
    expect(ctx.legacy.valueOf(id)).toEqual({ owner: "before" });
  });

  it("When a write is applied but answered with a 500, then reading back shows it took: committed", async () => {
    const id = uniqueId("c");
    ctx.fresh.failNext("write", "fail-after");

    expect((await ctx.coordinator().put(id, shared)).kind).toBe("committed");
  });

  it("When a write times out after taking effect, then the retry meets its own change and it counts as applied", async () => {
    const id = uniqueId("c");
    ctx.fresh.failNext("write", "timeout-after");

    expect((await ctx.coordinator().put(id, shared)).kind).toBe("committed");
    expect(ctx.fresh.valueOf(id)).toEqual(toNew(shared));
  });

  it("When the revert fails too, then CoordinationDriftError lists intended, original and actual per side, and the drift is recorded", async () => {
    const id = uniqueId("c");
    ctx.fresh.failNext("write", "reject");
    ctx.legacy.failNext("revert", "fail-before");

    const drift = await driftOf(ctx.coordinator().put(id, shared));

    expect(drift.participants).toEqual([
      expect.objectContaining({
        participant: "legacy",
        intended: { kind: "present", request: toLegacy(shared) },
        original: { kind: "absent" },
        actual: expect.objectContaining({ kind: "present" }),
      }),
      expect.objectContaining({
        participant: "new",
        intended: { kind: "present", request: toNew(shared) },
        original: { kind: "absent" },
        actual: { kind: "absent" },
      }),
    ]);
    expect((await ctx.drifts.listOpen()).map((d) => d.coordinationId)).toContain(drift.coordinationId);
  });

  it("When someone else changes a side before the revert, then the revert does not overwrite it: drift", async () => {
    const id = uniqueId("c");
    ctx.fresh.failNext("write", "reject");
    ctx.legacy.failNext("revert", "third-party-write");

    await driftOf(ctx.coordinator().put(id, shared));

    expect(ctx.legacy.valueOf(id)).toMatchObject({ changedBy: "someone else" });
  });

  it("When the order is sequential and the first side fails, then the second is never called", async () => {
    const id = uniqueId("c");
    const freshWrites = ctx.fresh.callCount("write");
    ctx.legacy.failNext("write", "reject");

    expect((await ctx.coordinator("sequential").put(id, shared)).kind).toBe("reverted");
    expect(ctx.fresh.callCount("write")).toBe(freshWrites);
  });
});

describe("the coordination's deadline", () => {
  it("When a write hangs past the coordination's deadline, then it is not retried further and the coordination ends in time, its outcome unknown (recovery judges it)", async () => {
    const id = uniqueId("c");
    // Each attempt would wait 150 ms and be retried once; the whole coordination may take 120 ms.
    ctx.fresh.failNext("write", "timeout-before", 2);
    const writesBefore = ctx.fresh.callCount("write");
    const started = Date.now();
    const outcome = await ctx.coordinator("parallel", 120).put(id, shared);

    expect(outcome).toMatchObject({ kind: "unknown", failure: { participant: "new", unanswered: "timed_out" } });
    expect(Date.now() - started).toBeLessThan(290);
    expect(ctx.fresh.callCount("write")).toBe(writesBefore + 1);
  });
});

describe("the coordination's deadline, before anything is written", () => {
  it("When a side does not answer its read in time, then the coordination ends by the deadline, nothing written, the failure saying it timed out", async () => {
    const id = uniqueId("c");
    ctx.fresh.hangReads(2);
    const writesBefore = ctx.legacy.callCount("write");
    const started = Date.now();
    const outcome = await ctx.coordinator("parallel", 120).put(id, shared);

    expect(Date.now() - started).toBeLessThan(250);
    expect(outcome).toMatchObject({ kind: "reverted", failure: { participant: "new", unanswered: "timed_out" } });
    expect(ctx.legacy.callCount("write")).toBe(writesBefore);
    expect(ctx.legacy.valueOf(id)).toBeUndefined();
  });

  it("When a side cannot be reached at all, then the failure says unreachable, and nothing is written", async () => {
    const id = uniqueId("c");
    const outcome = await ctx.coordinatorWith({ newBaseUrl: "http://127.0.0.1:9" }).put(id, shared);

    expect(outcome).toMatchObject({ kind: "reverted", failure: { participant: "new", unanswered: "unreachable" } });
    expect(ctx.legacy.valueOf(id)).toBeUndefined();
  });
});

describe("Coordinator.delete", () => {
  it("When both sides hold the resource, then both are deleted: committed", async () => {
    const id = uniqueId("c");
    ctx.legacy.seed(id, { owner: "x" });
    ctx.fresh.seed(id, { ownerId: "x", size: 1 });

    expect((await ctx.coordinator().delete(id)).kind).toBe("committed");
    expect([ctx.legacy.valueOf(id), ctx.fresh.valueOf(id)]).toEqual([undefined, undefined]);
  });

  it("When one side refuses the delete, then the other gets its representation back (only if still absent)", async () => {
    const id = uniqueId("c");
    ctx.legacy.seed(id, { owner: "x" });
    ctx.fresh.seed(id, { ownerId: "x", size: 1 });
    ctx.fresh.failNext("revert", "reject");

    const outcome = await ctx.coordinator().delete(id);

    expect(outcome).toMatchObject({ kind: "reverted", failure: { participant: "new", status: 422 } });
    expect(ctx.legacy.valueOf(id)).toEqual({ owner: "x" });
    expect(ctx.fresh.valueOf(id)).toEqual({ ownerId: "x", size: 1 });
  });
});
