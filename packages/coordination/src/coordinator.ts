import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import { type ClientCondition, conditionHolds } from "./client-condition.ts";
import {
  appliedAsRead,
  type Call,
  failureOf,
  holdsIntended,
  journaled,
  type Plan,
  readState,
  recoveredResult,
  revertRequest,
  sameState,
  storedStates,
  summary,
  unreadableFailure,
  type WriteResult,
  writeRequest,
} from "./coordination-plan.ts";
import type { DriftStore } from "./drift-store.ts";
import { type CoordinationJournal, type JournalEntry, type JournalOutcome, NO_JOURNAL } from "./journal.ts";
import { CoordinationDriftError, type CoordinationOutcome, type ParticipantFailure } from "./outcome.ts";
import type { Intended, Participant } from "./participant.ts";
import { type CallResult, callParticipant } from "./participant-call.ts";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry-policy.ts";

export type CoordinatorOptions<Shared> = Readonly<{
  participants: readonly Participant<Shared>[];
  driftStore: DriftStore;
  log: Logger;
  retryPolicy?: RetryPolicy;
  /** `parallel` (default), or `sequential` in the participants' order, stopping at the first failure. */
  order?: "parallel" | "sequential";
  /** Where each coordination is recorded step by step, for recovery after a crash. */
  journal?: CoordinationJournal;
  /**
   * How long the reads before the writes and the writes of one coordination may take in all; a write not
   * answered by then is decided by reading back. Reads after a write and reverts are not cut short by it:
   * leaving a participant changed would be worse.
   */
  deadlineMs?: number;
  /** Told how each coordination ended and how long it took (the metrics). */
  observer?: CoordinationObserver;
  /**
   * The `Authorization` header of calls made on nobody's behalf (recovery, reconciliation, a context
   * without `authorization`): the coordinating service's own token, where the participants authenticate.
   */
  serviceAuthorization?: () => Promise<string>;
}>;

/** What a coordination came to, for whoever counts them: its outcome, or drift, and its duration. */
export type CoordinationObserver = Readonly<{
  finished: (outcome: CoordinationOutcome["kind"] | "drift", seconds: number) => void;
}>;

export type CoordinationContext = Readonly<{
  requestId?: string;
  /** The coordination's id, when the caller names it before it ends (to say which one is still running). */
  coordinationId?: string;
  /** The client's If-Match / If-None-Match: when it does not hold for what was read, nothing is written. */
  condition?: ClientCondition;
  /**
   * The client's `Authorization` header (empty when it sent none), sent to every participant so each
   * applies its own access rules to the client: ownership holds end to end. Absent: a coordination on
   * nobody's behalf, sent with `serviceAuthorization`. A client's reads and writes never get the service's
   * token; only putting a side back after a failure does (restoring what the side held is the coordinator's job).
   */
  authorization?: string;
}>;

const DEFAULT_DEADLINE_MS = 30_000;

/** Whether the journal's finish is waited for (recovery) or left to complete after the answer (a client's coordination). */
type JournalFinish = "awaited" | "in background";

/**
 * Map => Sync => Verify (see the README): read every participant, write each one's
 * mapped request conditionally (If-Match on what was read, If-None-Match: * where it was absent), and if any
 * write fails, put back those that changed, each conditioned on the ETag our own write produced. A revert
 * that fails or meets someone else's change is drift: recorded, and thrown as CoordinationDriftError. A
 * write that went unanswered is neither: the coordination ends `unknown` and recovery judges it later.
 */
export class Coordinator<Shared> {
  readonly #options: CoordinatorOptions<Shared>;
  readonly #policy: RetryPolicy;
  readonly #journal: CoordinationJournal;
  /** Journal writes no caller waits for (steps, finishes), so `settle` can wait for them. */
  readonly #unawaited = new Set<Promise<void>>();

  constructor(options: CoordinatorOptions<Shared>) {
    this.#options = options;
    this.#policy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
    this.#journal = options.journal ?? NO_JOURNAL;
  }

  /** Writes the shared DTO, mapped, to every participant. */
  put(resourceId: string, shared: Shared, context: CoordinationContext = {}): Promise<CoordinationOutcome> {
    return this.#observed(() =>
      this.#coordinate(resourceId, (p) => ({ kind: "present", request: p.toRequest(shared) }), context),
    );
  }

  /** Deletes the resource from every participant; a participant that still had it after a failure gets it back. */
  delete(resourceId: string, context: CoordinationContext = {}): Promise<CoordinationOutcome> {
    return this.#observed(() => this.#coordinate(resourceId, () => ({ kind: "absent" }), context));
  }

  async #observed(coordinate: () => Promise<CoordinationOutcome>): Promise<CoordinationOutcome> {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1_000;
    try {
      const outcome = await coordinate();
      this.#options.observer?.finished(outcome.kind, seconds());
      return outcome;
    } catch (error) {
      if (error instanceof CoordinationDriftError) this.#options.observer?.finished("drift", seconds());
      throw error;
    }
  }

  async #coordinate(
    resourceId: string,
    intend: (participant: Participant<Shared>) => Intended,
    context: CoordinationContext,
  ): Promise<CoordinationOutcome> {
    const coordinationId = context.coordinationId ?? randomUUID();
    const log = this.#options.log.child({ coordinationId, ...(context.requestId && { requestId: context.requestId }) });
    const deadline = Date.now() + (this.#options.deadlineMs ?? DEFAULT_DEADLINE_MS);
    const call = this.#caller(coordinationId, context, { deadline });
    // Nothing is written yet: a participant that does not answer in time is a failure, not a reason to wait.
    const preRead = this.#caller(coordinationId, context, { deadline, readsToo: true });
    // Putting a side back is the coordinator's own job, not the client's request: done with the service's
    // credentials, so a client's token that expires or a client's rate limit cannot turn a revert into drift.
    const { authorization: _client, ...onOwnBehalf } = context;
    const unhurried = this.#caller(coordinationId, onOwnBehalf);
    const plans: Plan<Shared>[] = await Promise.all(
      this.#options.participants.map(async (participant) => ({
        coordinationId,
        log,
        participant,
        resourceId,
        intended: intend(participant),
        original: await readState(participant, resourceId, preRead),
      })),
    );
    for (const plan of plans) {
      log.debug({ step: "read", participant: plan.participant.name, state: plan.original.kind }, "coordination step");
    }
    const unreadable = plans.find((plan) => plan.original.kind === "unknown");
    if (unreadable) {
      const failure = unreadableFailure(unreadable.participant.name, unreadable.original);
      return this.#logged({ kind: "reverted", coordinationId, failure }, log, "in background");
    }
    if (
      context.condition &&
      !conditionHolds(
        context.condition,
        plans.map((plan) => plan.original),
      )
    ) {
      log.info({ outcome: "precondition_failed" }, "coordination finished");
      return { kind: "precondition_failed", coordinationId };
    }
    await this.#journal.begin({
      coordinationId,
      resourceId,
      startedAt: new Date(),
      participants: plans.map(journaled),
    });
    const results = await this.#writeAll(plans, call);
    const unanswered = results.find((r) => r.kind === "unknown");
    if (unanswered) return this.#leftToRecovery(coordinationId, unanswered.failure, log);
    const failure = results.find((r) => r.kind === "failed");
    if (!failure) {
      const created = plans.every((plan) => plan.original.kind === "absent" && plan.intended.kind === "present");
      const committed = { kind: "committed", coordinationId, created, stored: storedStates(plans, results) } as const;
      return this.#logged(committed, log, "in background");
    }
    return this.#verifyFailed(
      resourceId,
      coordinationId,
      plans,
      results,
      failure.failure,
      unhurried,
      log,
      "in background",
    );
  }

  /**
   * Waits for the journal writes that answers did not wait for. A process calls it once it takes no more
   * requests and before it closes the database: a finish cut off there leaves its entry to recovery, which
   * reads both sides again (and a command that exits would log the failure on its way out).
   */
  async settle(): Promise<void> {
    while (this.#unawaited.size > 0) await Promise.all([...this.#unawaited]);
  }

  /**
   * Finishes a coordination whose caller crashed part-way (an unfinished journal entry): if every
   * participant holds what was intended, it is committed; otherwise those that do are put back as they
   * were, and whatever cannot be put back is recorded as drift.
   */
  async recover(entry: JournalEntry): Promise<JournalOutcome> {
    const { coordinationId, resourceId } = entry;
    const call = this.#caller(coordinationId, {});
    const log = this.#options.log.child({ coordinationId });
    const plans = entry.participants.map((journaledPlan) => {
      const participant = this.#options.participants.find((p) => p.name === journaledPlan.participant);
      if (!participant) throw new Error(`journal names an unknown participant ${journaledPlan.participant}`);
      const { intended, original } = journaledPlan;
      return { coordinationId, log, participant, resourceId, intended, original };
    });
    const now = await Promise.all(plans.map((plan) => readState(plan.participant, plan.resourceId, call)));
    const results: WriteResult[] = plans.map((plan, i) =>
      recoveredResult(plan, now[i] ?? { kind: "unknown", reason: "" }),
    );
    const failure = {
      participant: "coordinator",
      status: undefined,
      detail: "the caller stopped part-way or a write went unanswered; recovered",
    };
    if (results.every((r) => r.kind === "applied" || r.kind === "unchanged")) {
      await this.#logged({ kind: "committed", coordinationId, created: false, stored: {} }, log, "awaited");
      return "committed";
    }
    try {
      await this.#verifyFailed(resourceId, coordinationId, plans, results, failure, call, log, "awaited");
      return "reverted";
    } catch (error) {
      if (error instanceof CoordinationDriftError) return "drift";
      throw error;
    }
  }

  async #writeAll(plans: readonly Plan<Shared>[], call: Call): Promise<WriteResult[]> {
    if (this.#options.order !== "sequential") return Promise.all(plans.map((plan) => this.#write(plan, call)));
    const results: WriteResult[] = [];
    for (const plan of plans) {
      const stop = results.some((r) => r.kind === "failed" || r.kind === "unknown");
      results.push(stop ? { kind: "skipped" } : await this.#write(plan, call));
    }
    return results;
  }

  /**
   * One conditional write. A clear refusal (4xx) is a failure; anything else (412, 5xx, no answer) is
   * resolved by reading back: a retried write whose first attempt was applied meets its own change as a 412.
   * A read-back that shows the write applied settles it. One that does not settles nothing when an attempt
   * went unanswered: aborting a request does not stop the service from applying it, so the read can only
   * show that the write has not landed yet. That outcome stays unknown.
   */
  async #write(plan: Plan<Shared>, call: Call): Promise<WriteResult> {
    if (plan.intended.kind === "absent" && plan.original.kind === "absent") return { kind: "unchanged" };
    const result = await call(plan.participant, writeRequest(plan));
    this.#log("write", plan, result);
    if (result.kind === "answered" && result.status < 300 && (result.etag || plan.intended.kind === "absent")) {
      return { kind: "applied", etag: result.etag, representation: result.body };
    }
    const failure = failureOf(plan, result);
    if (result.kind === "answered" && result.status < 500 && result.status !== 412) return { kind: "failed", failure };
    const now = await readState(plan.participant, plan.resourceId, call);
    if (holdsIntended(plan, now)) return appliedAsRead(now);
    const mayStillLand = result.kind === "unanswered" || result.afterUnanswered === true;
    return { kind: !mayStillLand && sameState(plan.participant, now, plan.original) ? "failed" : "unknown", failure };
  }

  /**
   * A write whose effect is not known: nothing is put back now (the write may land after a revert, or
   * the coordination may still commit when it does). The journal entry stays unfinished, so recovery judges
   * it once it is older than its settle time, when no write of it can still be on its way.
   */
  #leftToRecovery(coordinationId: string, failure: ParticipantFailure, log: Logger): CoordinationOutcome {
    log.warn({ outcome: "unknown", failure }, "coordination left to recovery");
    return { kind: "unknown", coordinationId, failure };
  }

  async #verifyFailed(
    resourceId: string,
    coordinationId: string,
    plans: readonly Plan<Shared>[],
    results: readonly WriteResult[],
    failure: ParticipantFailure,
    call: Call,
    log: Logger,
    finish: JournalFinish,
  ): Promise<CoordinationOutcome> {
    const reverts = await Promise.all(
      plans.map((plan, i) => {
        const result = results[i];
        return result?.kind === "applied"
          ? this.#revert(plan, result.etag, call)
          : Promise.resolve(result?.kind !== "unknown");
      }),
    );
    if (reverts.every(Boolean)) return this.#logged({ kind: "reverted", coordinationId, failure }, log, finish);
    const participants = await Promise.all(
      plans.map(async (plan) => ({
        participant: plan.participant.name,
        intended: plan.intended,
        original: plan.original,
        actual: await readState(plan.participant, plan.resourceId, call),
      })),
    );
    const drift = { coordinationId, resourceId, detectedAt: new Date(), cause: failure, participants };
    await this.#options.driftStore.record(drift);
    await this.#journal.finish(coordinationId, "drift");
    log.error({ outcome: "drift", drift }, "coordination drifted");
    throw new CoordinationDriftError(drift);
  }

  /**
   * Puts one participant back as it was, only if it still holds our write (its ETag; after our delete, its
   * absence). Unless the answer is a clear success, what it holds is read back: a retried revert may meet
   * its own first attempt.
   */
  async #revert(plan: Plan<Shared>, ourEtag: string | undefined, call: Call): Promise<boolean> {
    const result = await call(plan.participant, revertRequest(plan, ourEtag));
    this.#log("revert", plan, result);
    if (result.kind === "answered" && result.status < 300) return true;
    return sameState(plan.participant, await readState(plan.participant, plan.resourceId, call), plan.original);
  }

  /**
   * A write that went as planned is implied by the outcome ("committed"): it is logged at debug and not
   * journaled, which keeps a database write and a log line per participant off every coordination. A
   * refused, failed or unanswered write and every revert are what someone will ask about: logged at info
   * and journaled.
   */
  #log(step: "write" | "revert", plan: Plan<Shared>, result: CallResult): void {
    const participant = plan.participant.name;
    const line = { step, participant, result: summary(result) };
    if (step === "write" && result.kind === "answered" && result.status < 300) {
      plan.log.debug(line, "coordination step");
      return;
    }
    plan.log.info(line, "coordination step");
    const recorded = this.#journal.step(plan.coordinationId, { participant, action: step, result: summary(result) });
    this.#inBackground(recorded, plan.log, "journal step not recorded");
  }

  #inBackground(write: Promise<void>, log: Logger, failure: string): void {
    const tracked: Promise<void> = write
      .catch((error: unknown) => log.error({ err: error }, failure))
      .finally(() => this.#unawaited.delete(tracked));
    this.#unawaited.add(tracked);
  }

  /**
   * Calls on behalf of one coordination. Reads are cut short by the deadline only when `readsToo` (before
   * any write): after a write they are how an unknown outcome is decided.
   */
  #caller(
    coordinationId: string,
    context: CoordinationContext,
    limit: { deadline?: number; readsToo?: boolean } = {},
  ): Call {
    const traced = {
      "x-coordination-id": coordinationId,
      ...(context.requestId && { "x-request-id": context.requestId }),
    };
    const credentials = async (): Promise<Record<string, string>> => {
      const authorization = context.authorization ?? (await this.#options.serviceAuthorization?.());
      return authorization ? { authorization } : {};
    };
    // How long this attempt is waited for, so that a service can refuse to start a write its caller has
    // given up on (rather than apply it unseen); relative, so the two clocks need not agree.
    const waited = (timeoutMs: number) => ({ "x-request-timeout-ms": String(Math.ceil(timeoutMs)) });
    return (participant, request) =>
      callParticipant(
        async (signal, timeoutMs) =>
          participant.send(
            { ...request, headers: { ...traced, ...waited(timeoutMs), ...(await credentials()), ...request.headers } },
            signal,
          ),
        this.#policy,
        request.method === "GET" && !limit.readsToo ? undefined : limit.deadline,
      );
  }

  /**
   * Logs the outcome and finishes the journal entry. A client's answer does not wait for that write: it
   * only tells recovery there is nothing left to do. An entry whose finish is lost (a crash in between) is
   * settled by recovery reading both sides: committed when they still hold what was intended (a later
   * write in the meantime can make it look unfinished work, judged as any crashed coordination is).
   * Recovery itself waits for it. (A drift is recorded, and its entry finished, before the error is thrown: not here.)
   */
  async #logged(
    outcome: CoordinationOutcome & { kind: JournalOutcome },
    log: Logger,
    finish: JournalFinish,
  ): Promise<CoordinationOutcome> {
    log.info({ outcome: outcome.kind }, "coordination finished");
    const finished = this.#journal.finish(outcome.coordinationId, outcome.kind);
    if (finish === "awaited") await finished;
    else this.#inBackground(finished, log, "journal entry not finished");
    return outcome;
  }
}
