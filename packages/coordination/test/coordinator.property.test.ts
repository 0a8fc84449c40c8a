import { setTimeout as sleep } from "node:timers/promises";
import { uniqueId } from "@starter/testing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CoordinationDriftError, JournalEntry, ParticipantState } from "../src/index.ts";
import { type Shared, toLegacy, toNew, useCoordination } from "./coordination-fixture.ts";
import type { Fault, KoaParticipant } from "./koa-participant.ts";

const ctx = useCoordination();

/** Every attempt of the write goes unanswered (the coordination ends `unknown`), the last one landing late. */
type WriteFault = Fault | "none" | "unanswered-twice";

const writeFault = fc.constantFrom<WriteFault>(
  "none",
  "reject",
  "fail-before",
  "fail-after",
  "timeout-before",
  "timeout-after",
  "applied-late",
  "unanswered-twice",
);
const revertFault = fc.constantFrom<Fault | "none">("none", "fail-before", "timeout-after", "third-party-write");
const name = fc.stringMatching(/^[a-z]{1,8}$/);
const side = (original: fc.Arbitrary<Record<string, unknown>>) =>
  fc.record({ original: fc.option(original, { nil: undefined }), write: writeFault, revert: revertFault });

const scenario = fc.record({
  shared: fc.record({ owner: name, size: fc.integer({ min: 1, max: 9 }) }),
  legacy: side(fc.record({ owner: name })),
  fresh: side(fc.record({ ownerId: name, size: fc.integer({ min: 1, max: 9 }) })),
});

type Side = { original: Record<string, unknown> | undefined; write: WriteFault; revert: Fault | "none" };
/** Longer than the participants' hang: a write that lands late has landed by then. */
const SETTLE_MS = 400;

function arrange(participant: KoaParticipant, id: string, plan: Side): void {
  participant.clearFaults();
  if (plan.original) participant.seed(id, plan.original);
  if (plan.write === "unanswered-twice") {
    participant.failNext("write", "timeout-before");
    participant.failNext("write", "applied-late");
  } else if (plan.write !== "none") participant.failNext("write", plan.write);
  if (plan.revert !== "none") participant.failNext("revert", plan.revert);
}

/** What a drift record says a side holds, compared with what the side really holds. */
function describes(state: ParticipantState, value: Record<string, unknown> | undefined): boolean {
  if (state.kind === "absent") return value === undefined;
  if (state.kind !== "present") return false;
  const { version: _version, ...held } = state.representation as Record<string, unknown>;
  return JSON.stringify(held) === JSON.stringify(value);
}

let runs = 0;
const seen = { committed: 0, reverted: 0, drift: 0, unknown: 0 };

/** A coordination that ended `unknown`, judged by recovery once the settle time has passed (as the gateway does). */
async function recovered(coordinationId: string) {
  await sleep(SETTLE_MS);
  const entries = await ctx.journal.listUnfinished(new Date(Date.now() + 1_000));
  const entry = entries.find((e) => e.coordinationId === coordinationId) as JournalEntry;
  return ctx.coordinator().recover(entry);
}

describe("the coordination state machine under random failure points (fast-check)", () => {
  it("When writes and reverts fail at random points, then both sides hold the intended state, or both the original, or a recorded drift says exactly what each holds (after recovery, where a write went unanswered)", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ shared, legacy, fresh }) => {
        runs++;
        const id = uniqueId("p");
        arrange(ctx.legacy, id, legacy);
        arrange(ctx.fresh, id, fresh);
        const outcome = await ctx
          .coordinator()
          .put(id, shared as Shared)
          .catch((error: CoordinationDriftError) => error);
        const coordinationId = "kind" in outcome ? outcome.coordinationId : outcome.drift.coordinationId;
        let ending = "kind" in outcome ? outcome.kind : "drift";
        if (ending === "unknown") {
          seen.unknown++;
          ending = await recovered(coordinationId);
        }

        if (ending === "committed") {
          seen.committed++;
          expect(ctx.legacy.valueOf(id)).toEqual(toLegacy(shared));
          expect(ctx.fresh.valueOf(id)).toEqual(toNew(shared));
        } else if (ending === "reverted" || ending === "precondition_failed") {
          seen.reverted++;
          expect(ctx.legacy.valueOf(id)).toEqual(legacy.original);
          expect(ctx.fresh.valueOf(id)).toEqual(fresh.original);
        } else {
          seen.drift++;
          const recorded = (await ctx.drifts.listOpen()).find((d) => d.coordinationId === coordinationId);
          expect(recorded).toBeDefined();
          const [legacyState, freshState] = recorded?.participants ?? [];
          expect(describes(legacyState?.actual ?? { kind: "unknown", reason: "" }, ctx.legacy.valueOf(id))).toBe(true);
          expect(describes(freshState?.actual ?? { kind: "unknown", reason: "" }, ctx.fresh.valueOf(id))).toBe(true);
        }
      }),
      { numRuns: 60 },
    );

    expect(runs).toBeGreaterThanOrEqual(60);
    // Every kind of ending was reached, so the property was not only checked on the easy path.
    expect(seen.committed).toBeGreaterThan(0);
    expect(seen.reverted).toBeGreaterThan(0);
    expect(seen.drift).toBeGreaterThan(0);
    expect(seen.unknown).toBeGreaterThan(0);
    // The figures of the run, for whoever reads the test output.
    process.stdout.write(`[property] ${runs} runs: ${JSON.stringify(seen)}\n`);
  }, 120_000);
});
