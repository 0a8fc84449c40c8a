import { uniqueId } from "@starter/testing";
import { describe, expect, it } from "vitest";
import { conditionHolds } from "../src/index.ts";
import { toNew, useCoordination } from "./coordination-fixture.ts";

const ctx = useCoordination();
const shared = { owner: "u-42", size: 3 };

describe("a client's If-Match / If-None-Match on a coordinated write", () => {
  it("When the client's If-Match names a state no side holds any more, then precondition_failed and nothing is written", async () => {
    const id = uniqueId("c");
    ctx.legacy.seed(id, { owner: "before" });
    ctx.fresh.seed(id, { ownerId: "before", size: 1 });
    const writes = ctx.fresh.callCount("write") + ctx.legacy.callCount("write");

    const outcome = await ctx.coordinator().put(id, shared, { condition: { ifMatch: ['"7"'] } });

    expect(outcome.kind).toBe("precondition_failed");
    expect(ctx.fresh.callCount("write") + ctx.legacy.callCount("write")).toBe(writes);
    expect(ctx.fresh.valueOf(id)).toEqual({ ownerId: "before", size: 1 });
  });

  it("When the client's If-Match names the state a side holds, then the write goes through to both", async () => {
    const id = uniqueId("c");
    ctx.legacy.seed(id, { owner: "before" });
    ctx.fresh.seed(id, { ownerId: "before", size: 1 });
    const current = (await fetch(`${ctx.fresh.url}/r/${id}`)).headers.get("etag") ?? "";

    const outcome = await ctx.coordinator().put(id, shared, { condition: { ifMatch: [current] } });

    expect(outcome.kind).toBe("committed");
    expect(ctx.fresh.valueOf(id)).toEqual(toNew(shared));
  });

  it("When If-None-Match: * meets a resource that exists, then precondition_failed; on an absent one, created", async () => {
    const existing = uniqueId("c");
    ctx.fresh.seed(existing, { ownerId: "before", size: 1 });
    const absent = uniqueId("c");

    expect((await ctx.coordinator().put(existing, shared, { condition: { ifNoneMatch: "*" } })).kind).toBe(
      "precondition_failed",
    );
    expect(await ctx.coordinator().put(absent, shared, { condition: { ifNoneMatch: "*" } })).toMatchObject({
      kind: "committed",
      created: true,
    });
  });

  it.each([
    [{ ifMatch: "*" }, ["present", "present"], true],
    [{ ifMatch: "*" }, ["present", "absent"], false],
    [{ ifMatch: ['"a"', '"b"'] }, ["absent", "present:b"], true],
    [{ ifMatch: ['"a"'] }, ["present:b", "present:c"], false],
    [{ ifNoneMatch: "*" }, ["absent", "absent"], true],
    [{ ifNoneMatch: "*" }, ["absent", "present"], false],
    [{ ifNoneMatch: ['"b"'] }, ["present:a", "present:b"], false],
    [{ ifMatch: ['"a"'], ifNoneMatch: ['"a"'] }, ["present:a", "absent"], true],
  ] as const)("When the condition is %o and the sides hold %j, then it holds: %s", (condition, sides, holds) => {
    const states = sides.map((side) => {
      const [kind, etag = "x"] = side.split(":");
      return kind === "present" ? { kind, etag: `"${etag}"`, representation: {} } : { kind: "absent" as const };
    });

    expect(conditionHolds(condition, states as Parameters<typeof conditionHolds>[1])).toBe(holds);
  });
});
