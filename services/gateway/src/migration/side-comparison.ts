import * as v2 from "@starter/contracts/v2";
import { callParticipant, DEFAULT_RETRY_POLICY, type RetryPolicy } from "@starter/coordination";
import type { Logger } from "@starter/service-kit/logging";
import type { DeliverySides } from "./delivery-sides.client.ts";
import type { ReadsObserver } from "./reads-observer.ts";
import { sameDelivery } from "./side-answer.ts";
import { type ReadCaller, readSide } from "./side-reads.ts";

/** Counts of the periodic comparison of both sides over samples of ids; an unreadable side is counted apart. */
export type ComparisonStats = {
  compared: number;
  differences: number;
  unreachable: number;
  lastDifferentIds: string[];
};

export type ComparisonOptions = Readonly<{
  sides: DeliverySides;
  /** The gateway's own `Authorization` (the comparison reads on nobody's behalf). */
  serviceAuthorization?: (() => Promise<string>) | undefined;
  observer?: ReadsObserver | undefined;
}>;

/**
 * The periodic comparison: a sample of ids read from both sides, walking the new side's collection a page
 * per run, so over time every delivery is compared. An id one side could not be read for is counted as
 * unreachable, not as a difference.
 */
export class SideComparison {
  readonly #options: ComparisonOptions;
  readonly #read: ReturnType<typeof readSide>;
  readonly #policy: RetryPolicy;
  readonly #log: Logger;
  readonly stats: ComparisonStats = { compared: 0, differences: 0, unreachable: 0, lastDifferentIds: [] };
  /** Where the next sample starts: the new side's collection is walked page by page, then from the start. */
  #nextCursor: string | undefined;

  constructor(options: ComparisonOptions, log: Logger, policy: RetryPolicy = DEFAULT_RETRY_POLICY) {
    this.#options = options;
    this.#read = readSide(options.sides, policy);
    this.#policy = policy;
    this.#log = log;
  }

  async compareSample(sampleSize: number, requestId: string): Promise<ComparisonStats> {
    const caller = { requestId, authorization: (await this.#options.serviceAuthorization?.()) ?? "" };
    for (const id of await this.#nextIds(sampleSize, caller)) await this.#compare(id, caller);
    return this.stats;
  }

  async #nextIds(sampleSize: number, caller: ReadCaller): Promise<string[]> {
    const query = { limit: sampleSize, ...(this.#nextCursor && { cursor: this.#nextCursor }) };
    const listed = await callParticipant(
      (signal) => this.#options.sides.fresh.listPage(query, caller.authorization, signal),
      this.#policy,
    );
    const parsed =
      listed.kind === "answered" && listed.status === 200 ? v2.deliveryPageSchema.safeParse(listed.body) : undefined;
    if (!parsed?.success) return [];
    const next = parsed.data._links.next?.href;
    this.#nextCursor =
      next === undefined ? undefined : (new URLSearchParams(next.split("?")[1]).get("cursor") ?? undefined);
    return parsed.data.items.map((item) => item.id);
  }

  async #compare(id: string, caller: ReadCaller): Promise<void> {
    const [fresh, legacy] = await Promise.all([this.#read("new", id, caller), this.#read("legacy", id, caller)]);
    if (fresh.kind === "failed" || legacy.kind === "failed") {
      this.stats.unreachable += 1;
      this.#options.observer?.compared("unreachable");
      return;
    }
    this.stats.compared += 1;
    const same = sameDelivery(fresh, legacy);
    this.#options.observer?.compared(same ? "agreed" : "different");
    if (same) return;
    this.stats.differences += 1;
    this.stats.lastDifferentIds = [id, ...this.stats.lastDifferentIds].slice(0, 20);
    this.#log.warn({ id }, "the services disagree on a delivery");
  }
}
