import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "@starter/coordination";
import type { Logger } from "@starter/service-kit/logging";
import type { DeliverySides } from "./delivery-sides.client.ts";
import { type ReadSplit, sideFor } from "./read-split.ts";
import type { ReadsObserver } from "./reads-observer.ts";
import { type SideAnswer, sameDelivery } from "./side-answer.ts";
import { type ReadCaller, readSide } from "./side-reads.ts";

export type ReadOptions = Readonly<{
  sides: DeliverySides;
  split: ReadSplit;
  shadowReads: boolean;
  /** Told the result of every read of both sides (the metrics). */
  observer?: ReadsObserver | undefined;
}>;

/**
 * Counts of the reads where both sides were read (served by legacy, a fallback, a shadow read): how often they
 * disagreed, and how often the other side could not be read at all (not a disagreement).
 */
export type ShadowStats = { reads: number; mismatches: number; unreachable: number };

/**
 * Reads go to the legacy or the new side by a stable hash of the id. The client always gets version 2:
 * a read served by the legacy side is the legacy side's data (it is the system of record on that side of
 * the split) completed by the new side's state, which alone has what version 1 cannot express (package
 * sizes and weights, `version`, `_links`, a version 2 ETag); see `servedByLegacy`. Every read has the
 * request's deadline. Shadow reads fetch the other side of a new-side read too, and only count.
 */
export class MigrationReads {
  readonly #options: ReadOptions;
  readonly #readFrom: ReturnType<typeof readSide>;
  readonly #log: Logger;
  readonly stats: ShadowStats = { reads: 0, mismatches: 0, unreachable: 0 };

  constructor(options: ReadOptions, log: Logger, policy: RetryPolicy = DEFAULT_RETRY_POLICY) {
    this.#options = options;
    this.#readFrom = readSide(options.sides, policy);
    this.#log = log;
  }

  /**
   * A client's read, sent to the sides with the client's own request id and `Authorization` (so each side
   * applies its access rules to the client). `deadline`: epoch ms by which the answer must be known; a
   * side not answering by then has `timed_out`. Either side may hold a delivery the other lacks (legacy
   * one written before the migration, the new side one the legacy side lost), so a 404 is answered only
   * when both sides say so: see `#orOther`.
   */
  async read(id: string, caller: ReadCaller, deadline: number): Promise<SideAnswer> {
    if (sideFor(id, this.#options.split) === "legacy") return this.#servedByLegacy(id, caller, deadline);
    const answer = await this.#readFrom("new", id, caller, deadline);
    if (answer.kind === "absent") {
      const legacy = await this.#readFrom("legacy", id, caller, deadline);
      this.#count(id, answer, legacy);
      return this.#orOther(answer, legacy);
    }
    if (this.#options.shadowReads) {
      this.#readFrom("legacy", id, caller)
        .then((legacy) => this.#count(id, answer, legacy))
        .catch((error: unknown) => this.#log.warn({ err: error, id }, "shadow read failed"));
    }
    return answer;
  }

  /**
   * A read the split gives to the legacy side. Both sides are read at once; the legacy side decides
   * whether the delivery exists and what the members both versions know hold. The new side's state
   * completes it: when both agree, the answer is the new side's representation as it is; when they
   * disagree (counted), the legacy side's members are laid over it. Only where the new side has no usable
   * state (a delivery written before the migration and not yet copied) is the answer the legacy side's
   * alone: v1's documented package defaults, the legacy version and ETag, links made here. A delivery the
   * legacy side lacks is the new side's answer, as a new-side read would give it.
   */
  async #servedByLegacy(id: string, caller: ReadCaller, deadline: number): Promise<SideAnswer> {
    const [legacy, fresh] = await Promise.all([
      this.#readFrom("legacy", id, caller, deadline),
      this.#readFrom("new", id, caller, deadline),
    ]);
    this.#count(id, legacy, fresh);
    if (legacy.kind === "absent") return this.#orOther(legacy, fresh);
    if (legacy.kind !== "found" || fresh.kind !== "found") return legacy;
    if (sameDelivery(legacy, fresh)) return { ...fresh, side: "legacy" };
    const samePackages = sameIds(legacy.delivery.packages, fresh.delivery.packages);
    const packages = samePackages ? fresh.delivery.packages : legacy.delivery.packages;
    const { version: _version, _links, ...known } = legacy.delivery;
    return { ...fresh, side: "legacy", delivery: { ...fresh.delivery, ...known, packages } };
  }

  /**
   * The side the split picked does not hold the delivery: the other side's answer stands, whatever it is.
   * When it could not be read the read fails (503/504, retried by the client) rather than answer a 404
   * that may not be true.
   */
  #orOther(picked: SideAnswer & { kind: "absent" }, other: SideAnswer): SideAnswer {
    const result = other.kind === "failed" ? "unreachable" : other.kind;
    this.#options.observer?.readFallback(picked.side, other.side, result);
    return other.kind === "absent" ? picked : other;
  }

  #count(id: string, answered: SideAnswer, other: SideAnswer): void {
    this.stats.reads += 1;
    if (answered.kind === "failed" || other.kind === "failed") {
      this.stats.unreachable += 1;
      this.#options.observer?.shadowRead("unreachable");
    } else if (!sameDelivery(answered, other)) {
      this.stats.mismatches += 1;
      this.#options.observer?.shadowRead("different");
      this.#log.warn({ id, answeredBy: answered.side, other: other.side }, "the services disagree on a read");
    } else {
      this.#options.observer?.shadowRead("agreed");
    }
  }
}

function sameIds(a: readonly { id: string }[], b: readonly { id: string }[]): boolean {
  return a.length === b.length && a.every((item, i) => item.id === b[i]?.id);
}
