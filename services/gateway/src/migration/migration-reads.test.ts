import * as v2 from "@starter/contracts/v2";
import type { Answer, ParticipantSend, RetryPolicy } from "@starter/coordination";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { MigrationReads } from "./migration-reads.ts";
import type { ReadSplit, Side } from "./read-split.ts";
import type { FallbackResult } from "./reads-observer.ts";

/** What a stand-in side does with a read: answer 404, answer with a delivery, or not be reachable. */
type Stands = "absent" | "holds" | "down";

const ONE_ATTEMPT: RetryPolicy = { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, timeoutMs: 1_000, retryStatuses: [] };
const ID = "d-1";
const NEW_ETAG = '"v2-delivery-3"';

function side(stands: Stands, body: unknown, etag: string): ParticipantSend {
  return async () => {
    if (stands === "down") throw new Error("connect ECONNREFUSED");
    const answer: Answer =
      stands === "absent"
        ? { status: 404, headers: new Headers(), body: { type: "urn:problem-type:delivery.not_found" } }
        : { status: 200, headers: new Headers({ etag }), body };
    return answer;
  };
}

/** Reads through stand-in sides; what the fallback metric was told. */
function readsOver(split: Partial<ReadSplit>, legacy: Stands, fresh: Stands) {
  const fallbacks: [Side, Side, FallbackResult][] = [];
  const legacyBody = {
    id: ID,
    owner: v2.deliveryExample.ownerId,
    pickupLocation: "1,1",
    dropoffLocation: "2,2",
    deadline: v2.deliveryExample.deadline,
    expedited: "no",
    packageIds: ["p-1"],
    status: "created",
  };
  const sides = {
    legacy: side(legacy, legacyBody, '"legacy-4"'),
    fresh: { send: side(fresh, { ...v2.deliveryExample, id: ID }, NEW_ETAG), listPage: async () => ({}) as Answer },
  };
  const reads = new MigrationReads(
    {
      sides,
      split: { newPercent: 0, onlyFrom: "none", ...split },
      shadowReads: false,
      observer: {
        shadowRead: () => {},
        compared: () => {},
        readFallback: (from, to, result) => fallbacks.push([from, to, result]),
      },
    },
    pino({ level: "silent" }),
    ONE_ATTEMPT,
  );
  return { read: () => reads.read(ID, { requestId: "r-1", authorization: "" }, Date.now() + 5_000), fallbacks };
}

const NEW_PICKED = { onlyFrom: "new" } as const;
const LEGACY_PICKED = { onlyFrom: "legacy" } as const;

describe("a read the picked side answers 404", () => {
  it("When the new side lacks a delivery legacy holds, then legacy's answer stands, with legacy's ETag, counted as found", async () => {
    const { read, fallbacks } = readsOver(NEW_PICKED, "holds", "absent");

    expect(await read()).toMatchObject({ side: "legacy", kind: "found", etag: '"legacy-4"', delivery: { id: ID } });
    expect(fallbacks).toEqual([["new", "legacy", "found"]]);
  });

  it("When legacy lacks a delivery the new side holds, then the new side's answer stands, with its ETag", async () => {
    const { read, fallbacks } = readsOver(LEGACY_PICKED, "absent", "holds");

    expect(await read()).toMatchObject({ side: "new", kind: "found", etag: NEW_ETAG });
    expect(fallbacks).toEqual([["legacy", "new", "found"]]);
  });

  it("When neither side holds it, then the read is absent, counted as absent", async () => {
    for (const split of [NEW_PICKED, LEGACY_PICKED]) {
      const { read, fallbacks } = readsOver(split, "absent", "absent");

      expect((await read()).kind).toBe("absent");
      expect(fallbacks.map(([, , result]) => result)).toEqual(["absent"]);
    }
  });

  it("When the other side cannot be read, then the read fails (retried later) instead of answering a 404 that may be wrong", async () => {
    const fromNew = readsOver(NEW_PICKED, "down", "absent");
    const fromLegacy = readsOver(LEGACY_PICKED, "absent", "down");

    expect(await fromNew.read()).toMatchObject({ side: "legacy", kind: "failed", failure: "unreachable" });
    expect(fromNew.fallbacks).toEqual([["new", "legacy", "unreachable"]]);
    expect(await fromLegacy.read()).toMatchObject({ side: "new", kind: "failed", failure: "unreachable" });
    expect(fromLegacy.fallbacks).toEqual([["legacy", "new", "unreachable"]]);
  });

  it("When the picked side holds the delivery, then the other side is not asked on its behalf", async () => {
    const { read, fallbacks } = readsOver(NEW_PICKED, "down", "holds");

    expect(await read()).toMatchObject({ side: "new", kind: "found" });
    expect(fallbacks).toEqual([]);
  });
});
