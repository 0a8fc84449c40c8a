import * as v1 from "@starter/contracts/v1";
import * as v2 from "@starter/contracts/v2";
import { deliveryVersions } from "@starter/contracts/versions";
import {
  type CallResult,
  callParticipant,
  DEFAULT_RETRY_POLICY,
  type ParticipantSend,
  type RetryPolicy,
} from "@starter/coordination";
import type { Logger } from "@starter/service-kit/logging";
import { newDeliveryPath } from "./delivery-paths.ts";
import { legacySide, type NewSide, newSide } from "./delivery-sides.client.ts";
import { type ReadSplit, type Side, sideFor } from "./read-split.ts";

/** Who a read is for: its request id and its `Authorization` header (empty when it carries none). */
export type ReadCaller = Readonly<{ requestId: string; authorization: string }>;

export type ReadSides = Readonly<{
  legacyUrl: string;
  newUrl: string;
  split: ReadSplit;
  shadowReads: boolean;
  /** The gateway's own `Authorization` for reads on nobody's behalf (the periodic comparison). */
  serviceAuthorization?: () => Promise<string>;
  /** Told the result of every read of both sides and of every id compared (the metrics). */
  observer?: ReadsObserver;
}>;

/** Both sides read for one id: they agreed, disagreed, or one could not be read. */
export type BothSidesResult = "agreed" | "different" | "unreachable";

export type ReadsObserver = Readonly<{
  /** A read served by legacy (both sides read) or a shadow read. */
  shadowRead: (result: BothSidesResult) => void;
  /** An id of the periodic comparison. */
  compared: (result: BothSidesResult) => void;
}>;

/**
 * Counts of the reads where both sides were read (a read served by legacy, a shadow read): how often they
 * disagreed, and how often the other side could not be read at all (not a disagreement).
 */
export type ShadowStats = { reads: number; mismatches: number; unreachable: number };

/** Counts of the periodic comparison of both sides over samples of ids; an unreadable side is counted apart. */
export type ComparisonStats = {
  compared: number;
  differences: number;
  unreachable: number;
  lastDifferentIds: string[];
};

/** Why a side gave no usable answer: no answer in time, no connection, or an answer outside its contract. */
export type ReadFailure = "timed_out" | "unreachable" | "bad_answer";

/**
 * A side's answer, checked against its contract, as a whole version 2 delivery whichever side served it
 * (a legacy delivery is brought up to version 2's shape).
 */
export type SideAnswer = Readonly<
  | { side: Side; kind: "found"; etag: string; delivery: v2.Delivery }
  | { side: Side; kind: "absent" }
  | { side: Side; kind: "failed"; failure: ReadFailure; reason: string }
>;

/**
 * Reads go to the legacy or the new side by a stable hash of the id. The client always gets version 2:
 * a read served by the legacy side is the legacy side's data (it is the system of record on that side of
 * the split) completed by the new side's state, which alone has what version 1 cannot express (package
 * sizes and weights, `version`, `_links`, a version 2 ETag); see `servedByLegacy`. Every read has the
 * request's deadline. Shadow reads fetch the other side of a new-side read too, and only count.
 */
export class MigrationReads {
  readonly #sides: ReadSides;
  readonly #fresh: NewSide;
  readonly #legacy: ParticipantSend;
  readonly #policy: RetryPolicy;
  readonly #log: Logger;
  readonly stats: ShadowStats = { reads: 0, mismatches: 0, unreachable: 0 };
  readonly comparison: ComparisonStats = { compared: 0, differences: 0, unreachable: 0, lastDifferentIds: [] };
  /** Where the next sample starts: the new side's collection is walked page by page, then from the start. */
  #nextCursor: string | undefined;

  constructor(sides: ReadSides, log: Logger, policy: RetryPolicy = DEFAULT_RETRY_POLICY) {
    this.#sides = sides;
    this.#fresh = newSide(sides.newUrl);
    this.#legacy = legacySide(sides.legacyUrl).send;
    this.#log = log;
    this.#policy = policy;
  }

  /**
   * A client's read, sent to the sides with the client's own request id and `Authorization` (so each side
   * applies its access rules to the client). `deadline`: epoch ms by which the answer must be known; a
   * side not answering by then has `timed_out`.
   */
  async read(id: string, caller: ReadCaller, deadline: number): Promise<SideAnswer> {
    if (sideFor(id, this.#sides.split) === "legacy") return this.#servedByLegacy(id, caller, deadline);
    const answer = await this.#readFrom("new", id, caller, deadline);
    if (this.#sides.shadowReads) {
      this.#readFrom("legacy", id, caller)
        .then((legacy) => this.#count(id, answer, legacy))
        .catch((error: unknown) => this.#log.warn({ err: error, id }, "shadow read failed"));
    }
    return answer;
  }

  /**
   * Reads a sample of ids from both sides and counts those where they disagree, walking the new side's
   * collection a page per run, so over time every delivery is compared. An id one side could not be read
   * for is counted as unreachable, not as a difference.
   */
  async compareSample(sampleSize: number, requestId: string): Promise<ComparisonStats> {
    const caller = { requestId, authorization: (await this.#sides.serviceAuthorization?.()) ?? "" };
    const query = { limit: sampleSize, ...(this.#nextCursor && { cursor: this.#nextCursor }) };
    const listed = await callParticipant(
      (signal) => this.#fresh.listPage(query, caller.authorization, signal),
      this.#policy,
    );
    const parsed =
      listed.kind === "answered" && listed.status === 200 ? v2.deliveryPageSchema.safeParse(listed.body) : undefined;
    if (!parsed?.success) return this.comparison;
    const next = parsed.data._links.next?.href;
    this.#nextCursor =
      next === undefined ? undefined : (new URLSearchParams(next.split("?")[1]).get("cursor") ?? undefined);
    for (const { id } of parsed.data.items) {
      const [fresh, legacy] = await Promise.all([
        this.#readFrom("new", id, caller),
        this.#readFrom("legacy", id, caller),
      ]);
      if (fresh.kind === "failed" || legacy.kind === "failed") {
        this.comparison.unreachable += 1;
        this.#sides.observer?.compared("unreachable");
        continue;
      }
      this.comparison.compared += 1;
      const same = sameDelivery(fresh, legacy);
      this.#sides.observer?.compared(same ? "agreed" : "different");
      if (same) continue;
      this.comparison.differences += 1;
      this.comparison.lastDifferentIds = [id, ...this.comparison.lastDifferentIds].slice(0, 20);
      this.#log.warn({ id }, "the services disagree on a delivery");
    }
    return this.comparison;
  }

  /**
   * A read the split gives to the legacy side. Both sides are read at once; the legacy side decides
   * whether the delivery exists and what the members both versions know hold. The new side's state
   * completes it: when both agree, the answer is the new side's representation as it is; when they
   * disagree (counted), the legacy side's members are laid over it. Only where the new side has no usable
   * state (a delivery written before the migration and not yet copied) is the answer the legacy side's
   * alone: v1's documented package defaults, the legacy version and ETag, links made here.
   */
  async #servedByLegacy(id: string, caller: ReadCaller, deadline: number): Promise<SideAnswer> {
    const [legacy, fresh] = await Promise.all([
      this.#readFrom("legacy", id, caller, deadline),
      this.#readFrom("new", id, caller, deadline),
    ]);
    this.#count(id, legacy, fresh);
    if (legacy.kind !== "found" || fresh.kind !== "found") return legacy;
    if (sameDelivery(legacy, fresh)) return { ...fresh, side: "legacy" };
    const samePackages = sameIds(legacy.delivery.packages, fresh.delivery.packages);
    const packages = samePackages ? fresh.delivery.packages : legacy.delivery.packages;
    const { version: _version, _links, ...known } = legacy.delivery;
    return { ...fresh, side: "legacy", delivery: { ...fresh.delivery, ...known, packages } };
  }

  async #readFrom(side: Side, id: string, caller: ReadCaller, deadline?: number): Promise<SideAnswer> {
    const send = side === "new" ? this.#fresh.send : this.#legacy;
    const headers = {
      "x-request-id": caller.requestId,
      ...(caller.authorization && { authorization: caller.authorization }),
    };
    const read = (signal: AbortSignal) => send({ method: "GET", id, headers }, signal);
    return toRead(side, id, await callParticipant(read, this.#policy, deadline));
  }

  #count(id: string, answered: SideAnswer, other: SideAnswer): void {
    this.stats.reads += 1;
    if (answered.kind === "failed" || other.kind === "failed") {
      this.stats.unreachable += 1;
      this.#sides.observer?.shadowRead("unreachable");
    } else if (!sameDelivery(answered, other)) {
      this.stats.mismatches += 1;
      this.#sides.observer?.shadowRead("different");
      this.#log.warn({ id, answeredBy: answered.side, other: other.side }, "the services disagree on a read");
    } else {
      this.#sides.observer?.shadowRead("agreed");
    }
  }
}

/** A side's answer, checked against its own contract: a body its schema refuses is a failure, not data. */
function toRead(side: Side, id: string, result: CallResult): SideAnswer {
  if (result.kind === "unanswered") {
    return { side, kind: "failed", failure: result.timedOut ? "timed_out" : "unreachable", reason: result.reason };
  }
  if (result.status === 404) return { side, kind: "absent" };
  if (result.status !== 200 || !result.etag) {
    return { side, kind: "failed", failure: "bad_answer", reason: `answered ${result.status}` };
  }
  const delivery = side === "new" ? v2.deliverySchema.safeParse(result.body) : fromLegacy(id, result.body, result.etag);
  if (!delivery.success) {
    const reason = `answered outside its contract: ${delivery.error.message}`;
    return { side, kind: "failed", failure: "bad_answer", reason };
  }
  return { side, kind: "found", etag: result.etag, delivery: delivery.data };
}

/**
 * A legacy (version 1) delivery as a whole version 2 one: the change units bring the request members up
 * (package sizes and weights take the documented v1 defaults), the legacy side's version stays, and the
 * links are the gateway's own.
 */
function fromLegacy(id: string, body: unknown, etag: string) {
  const legacy = v1.deliverySchema.safeParse(body);
  if (!legacy.success) return legacy;
  const { status, ...request } = legacy.data;
  const upgraded = v2.deliveryInputSchema.safeParse(deliveryVersions.toNewer(request, 1));
  if (!upgraded.success) return upgraded;
  const version = Number(LEGACY_ETAG.exec(etag)?.[1] ?? 0);
  const self = newDeliveryPath(id);
  const links = {
    self: { href: self },
    confirmation: { href: `${self}/confirmation` },
    dropoff: { href: `${self}/dropoff` },
  };
  return v2.deliverySchema.safeParse({ ...upgraded.data, id: legacy.data.id, status, version, _links: links });
}

/** The legacy side's ETags name its version: `"legacy-<version>"`. */
const LEGACY_ETAG = /^"legacy-(\d+)"$/;

/** Whether both sides say the same of the members both versions know (both absent counts as the same). */
function sameDelivery(a: SideAnswer, b: SideAnswer): boolean {
  if (a.kind === "absent" || b.kind === "absent") return a.kind === b.kind;
  if (a.kind !== "found" || b.kind !== "found") return false;
  const shared = ({ delivery: d }: { delivery: v2.Delivery }) =>
    JSON.stringify([d.id, d.ownerId, d.pickup, d.dropoff, d.deadline, d.expedited, d.packages.map((p) => p.id)]);
  return shared(a) === shared(b);
}

function sameIds(a: readonly { id: string }[], b: readonly { id: string }[]): boolean {
  return a.length === b.length && a.every((item, i) => item.id === b[i]?.id);
}
