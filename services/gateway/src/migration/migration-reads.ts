import type * as v1 from "@starter/contracts/v1";
import { deliveryVersions } from "@starter/contracts/versions";
import { type CallResult, callParticipant, DEFAULT_RETRY_POLICY, type RetryPolicy } from "@starter/coordination";
import type { Logger } from "@starter/service-kit/logging";
import { type ReadSplit, type Side, sideFor } from "./read-split.ts";

export type ReadSides = Readonly<{ legacyUrl: string; newUrl: string; split: ReadSplit; shadowReads: boolean }>;

/** Counts of shadow reads: how often the side not asked disagreed with the one that answered. */
export type ShadowStats = { reads: number; mismatches: number };

/** Counts of the periodic comparison of both sides over samples of ids. */
export type ComparisonStats = { compared: number; differences: number; lastDifferentIds: string[] };

/** A read answered by one side, in the version 2 shape the gateway speaks. */
export type SideAnswer = Readonly<{ side: Side; status: number; etag: string | undefined; body: unknown }>;

/**
 * Reads go to the legacy or the new side by a stable hash of the id; the legacy answer (version 1) is
 * shown in version 2 through the contracts' change units. Shadow reads fetch the other side too, compare,
 * and only count: the answer never changes.
 */
export class MigrationReads {
  readonly #sides: ReadSides;
  readonly #policy: RetryPolicy;
  readonly #log: Logger;
  readonly stats: ShadowStats = { reads: 0, mismatches: 0 };
  readonly comparison: ComparisonStats = { compared: 0, differences: 0, lastDifferentIds: [] };
  /** Where the next sample starts: the new side's collection is walked page by page, then from the start. */
  #nextPage: string | undefined;

  constructor(sides: ReadSides, log: Logger, policy: RetryPolicy = DEFAULT_RETRY_POLICY) {
    this.#sides = sides;
    this.#log = log;
    this.#policy = policy;
  }

  async read(id: string, requestId: string): Promise<SideAnswer> {
    const side = sideFor(id, this.#sides.split);
    const answer = await this.#readFrom(side, id, requestId);
    if (this.#sides.shadowReads) {
      this.#shadow(side === "new" ? "legacy" : "new", id, requestId, answer).catch((error: unknown) =>
        this.#log.warn({ err: error, id }, "shadow read failed"),
      );
    }
    return answer;
  }

  /**
   * Reads a sample of ids from both sides and counts those where they disagree, walking the new side's
   * collection a page per run, so over time every delivery is compared.
   */
  async compareSample(sampleSize: number, requestId: string): Promise<ComparisonStats> {
    const page = this.#nextPage ?? `/v2/deliveries?limit=${sampleSize}`;
    const listed = await callParticipant(
      { method: "GET", url: `${this.#sides.newUrl}${page}`, headers: {} },
      this.#policy,
    );
    if (listed.kind !== "answered" || listed.status !== 200) return this.comparison;
    const body = listed.body as { items: { id: string }[]; _links: { next?: { href: string } } };
    this.#nextPage = body._links.next?.href;
    for (const { id } of body.items) {
      const [fresh, legacy] = await Promise.all([
        this.#readFrom("new", id, requestId),
        this.#readFrom("legacy", id, requestId),
      ]);
      this.comparison.compared += 1;
      if (sameDelivery(fresh, legacy)) continue;
      this.comparison.differences += 1;
      this.comparison.lastDifferentIds = [id, ...this.comparison.lastDifferentIds].slice(0, 20);
      this.#log.warn({ id }, "the services disagree on a delivery");
    }
    return this.comparison;
  }

  async #readFrom(side: Side, id: string, requestId: string): Promise<SideAnswer> {
    const url =
      side === "new"
        ? `${this.#sides.newUrl}/v2/deliveries/${encodeURIComponent(id)}`
        : `${this.#sides.legacyUrl}/v1/deliveries/${encodeURIComponent(id)}`;
    const result = await callParticipant({ method: "GET", url, headers: { "x-request-id": requestId } }, this.#policy);
    return toAnswer(side, result);
  }

  async #shadow(side: Side, id: string, requestId: string, answered: SideAnswer): Promise<void> {
    const other = await this.#readFrom(side, id, requestId);
    this.stats.reads += 1;
    if (!sameDelivery(answered, other)) {
      this.stats.mismatches += 1;
      this.#log.warn({ id, answeredBy: answered.side, shadow: other.side }, "shadow read mismatch");
    }
  }
}

function toAnswer(side: Side, result: CallResult): SideAnswer {
  if (result.kind === "unanswered") return { side, status: 502, etag: undefined, body: undefined };
  const body = side === "legacy" && result.status === 200 ? fromLegacy(result.body as v1.Delivery) : result.body;
  return { side, status: result.status, etag: result.etag, body };
}

/** A legacy (version 1) delivery in version 2's shape; sizes and weights are the documented v1 defaults. */
function fromLegacy(delivery: v1.Delivery): unknown {
  const { status, ...request } = delivery;
  return { ...deliveryVersions.toNewer(request, 1), status };
}

/** Compares what both sides say of the fields both versions know. */
function sameDelivery(a: SideAnswer, b: SideAnswer): boolean {
  if (a.status !== b.status) return false;
  if (a.status !== 200) return true;
  const shared = (body: unknown) => {
    const d = body as Record<string, unknown> & { packages?: { id: string }[] };
    return JSON.stringify([
      d.id,
      d.ownerId,
      d.pickup,
      d.dropoff,
      d.deadline,
      d.expedited,
      d.packages?.map((p) => p.id),
    ]);
  };
  return shared(a.body) === shared(b.body);
}
