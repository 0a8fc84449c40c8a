import { describe, expect, it } from "vitest";
import { GroupCommit } from "../src/mongo/group-commit.ts";

describe("GroupCommit", () => {
  it("When items arrive while a write is under way, then they go together in the next write", async () => {
    const writes: number[][] = [];
    const commit = new GroupCommit<number>(async (batch) => {
      writes.push([...batch]);
      await new Promise((resolve) => setTimeout(resolve, 5));
    });

    await Promise.all([1, 2, 3, 4].map((item) => commit.add(item)));
    await commit.add(5);

    expect(writes).toEqual([[1], [2, 3, 4], [5]]);
  });

  it("When a write fails, then its items' promises reject with its error and later items are still written", async () => {
    const written: number[] = [];
    const commit = new GroupCommit<number>(async (batch) => {
      if (batch.includes(2)) throw new Error("database down");
      written.push(...batch);
    });

    const results = await Promise.allSettled([commit.add(1), commit.add(2), commit.add(3)]);
    await commit.add(4);

    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "rejected"]);
    expect(written).toEqual([1, 4]);
  });
});
