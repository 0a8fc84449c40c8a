import * as v1 from "@starter/contracts/v1";
import * as v2 from "@starter/contracts/v2";
import { deliveryVersions } from "@starter/contracts/versions";
import { type CallResult, callParticipant, DEFAULT_RETRY_POLICY, type RetryPolicy } from "@starter/coordination";
import type { Logger } from "@starter/service-kit/logging";
import { legacyDeliveryPath, NEW_DELIVERIES_PATH, newDeliveryPath } from "./delivery-paths.ts";
import { type ReadSplit, type Side, sideFor } from "./read-split.ts";

export type ReadSides = Readonly<{ legacyUrl: string; newUrl: string; split: ReadSplit; shadowReads: boolean }>;

/** Counts of shadow reads: how often the side not asked disagreed with the one that answered. */
export type ShadowStats = { reads: number; mismatches: number };

/** Counts of the periodic comparison of both sides over samples of ids. */
export type ComparisonStats = { compared: number; differences: number; lastDifferentIds: string[] };

/** A delivery as the gateway shows it: version 2's members (a legacy answer lacks `version` and `_links`). */
export type ReadDelivery = Omit<v2.Delivery, "version" | "_links"> & Partial<Pick<v2.Delivery, "version" | "_links">>;

/** A read answered by one side, checked against that side's contract and shown in version 2's shape. */
export type SideAnswer = Readonly<
  | { side: Side; kind: "found"; etag: string | undefined; delivery: ReadDelivery }
  | { side: Side; kind: "absent" }
  | { side: Side; kind: "failed"; reason: string }
>;

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
    const page = this.#nextPage ?? `${NEW_DELIVERIES_PATH}?limit=${sampleSize}`;
    const listed = await callParticipant(
      { method: "GET", url: `${this.#sides.newUrl}${page}`, headers: {} },
      this.#policy,
    );
    const parsed =
      listed.kind === "answered" && listed.status === 200 ? v2.deliveryPageSchema.safeParse(listed.body) : undefined;
    if (!parsed?.success) return this.comparison;
    this.#nextPage = parsed.data._links.next?.href;
    for (const { id } of parsed.data.items) {
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
        ? `${this.#sides.newUrl}${newDeliveryPath(id)}`
        : `${this.#sides.legacyUrl}${legacyDeliveryPath(id)}`;
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

/** A side's answer, checked against its own contract: a body its schema refuses is a failure, not data. */
function toAnswer(side: Side, result: CallResult): SideAnswer {
  if (result.kind === "unanswered") return { side, kind: "failed", reason: result.reason };
  if (result.status === 404) return { side, kind: "absent" };
  if (result.status !== 200) return { side, kind: "failed", reason: `answered ${result.status}` };
  const delivery = side === "new" ? v2.deliverySchema.safeParse(result.body) : fromLegacy(result.body);
  if (!delivery.success)
    return { side, kind: "failed", reason: `answered outside its contract: ${delivery.error.message}` };
  return { side, kind: "found", etag: result.etag, delivery: delivery.data };
}

/** A legacy (version 1) delivery in version 2's shape; sizes and weights are the documented v1 defaults. */
function fromLegacy(body: unknown) {
  const legacy = v1.deliverySchema.safeParse(body);
  if (!legacy.success) return legacy;
  const { status, ...request } = legacy.data;
  const upgraded = v2.deliveryInputSchema.safeParse(deliveryVersions.toNewer(request, 1));
  return upgraded.success
    ? { success: true as const, data: { ...upgraded.data, id: legacy.data.id, status } }
    : upgraded;
}

/** Compares what both sides say of the fields both versions know; a failed read compares as different. */
function sameDelivery(a: SideAnswer, b: SideAnswer): boolean {
  if (a.kind !== b.kind || a.kind === "failed") return false;
  if (a.kind === "absent" || b.kind !== "found") return true;
  const shared = ({ delivery: d }: { delivery: ReadDelivery }) =>
    JSON.stringify([d.id, d.ownerId, d.pickup, d.dropoff, d.deadline, d.expedited, d.packages.map((p) => p.id)]);
  return shared(a) === shared(b);
}
