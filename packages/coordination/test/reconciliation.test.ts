import { uniqueId } from "@starter/testing";
import { describe, expect, it } from "vitest";
import { repairDrift } from "../src/index.ts";
import { driftOf, type Shared, toLegacy, toNew, useCoordination } from "./coordination-fixture.ts";

const ctx = useCoordination();
const shared: Shared = { owner: "u-9", size: 4 };

/** A drift made the way it happens: the new side refuses, and the legacy side's revert meets someone else's change. */
function drifted(id: string) {
  ctx.fresh.failNext("write", "reject");
  ctx.legacy.failNext("revert", "third-party-write");
  return driftOf(ctx.coordinator().put(id, shared));
}

describe("reconciliation", () => {
  it("When an open drift is repaired from the new side's state, then both sides agree and the drift is closed", async () => {
    const id = uniqueId("fix");
    const drift = await drifted(id);
    ctx.fresh.seed(id, toNew({ owner: "u-9", size: 5 }));

    const outcome = await repairDrift(drift, {
      coordinator: ctx.coordinator(),
      driftStore: ctx.drifts,
      readSource: async () => ({ owner: "u-9", size: 5 }),
    });

    expect(outcome.kind).toBe("committed");
    expect(ctx.legacy.valueOf(id)).toEqual(toLegacy({ owner: "u-9", size: 5 }));
    expect((await ctx.drifts.listOpen()).some((d) => d.coordinationId === drift.coordinationId)).toBe(false);
  });

  it("When the new side has no such resource, then the repair deletes it from the legacy side too", async () => {
    const id = uniqueId("fix");
    const drift = await drifted(id);

    const outcome = await repairDrift(drift, {
      coordinator: ctx.coordinator(),
      driftStore: ctx.drifts,
      readSource: async () => undefined,
    });

    expect(outcome.kind).toBe("committed");
    expect(ctx.legacy.valueOf(id)).toBeUndefined();
  });
});
