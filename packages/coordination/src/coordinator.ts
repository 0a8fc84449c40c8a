import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import { BackgroundJournal, type JournalFinish } from "./background-journal.ts";
import { conditionHolds } from "./client-condition.ts";
import {
  type Call,
  journaled,
  type Plan,
  readState,
  storedStates,
  unreadableFailure,
  type WriteResult,
} from "./coordination-plan.ts";
import type { CoordinationContext, CoordinatorOptions } from "./coordinator-options.ts";
import { type JournalEntry, type JournalOutcome, NO_JOURNAL } from "./journal.ts";
import { CoordinationDriftError, type CoordinationOutcome, type ParticipantFailure } from "./outcome.ts";
import type { Intended, Participant } from "./participant.ts";
import { type CallerOptions, type CallLimit, coordinationCaller } from "./participant-caller.ts";
import { noteSteps, revertParticipant, type StepNoted, writeParticipant } from "./participant-steps.ts";
import { journaledPlans, RECOVERED, recoveredResults } from "./recovered-plans.ts";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry-policy.ts";

const DEFAULT_DEADLINE_MS = 30_000;

/** One coordination under way: what the Verify step needs to put participants back or record drift. */
type Run<Shared> = Readonly<{
  coordinationId: string;
  resourceId: string;
  plans: readonly Plan<Shared>[];
  log: Logger;
  call: Call;
  finish: JournalFinish;
}>;

/**
 * Map => Sync => Verify (see the README): read every participant, write each one's
 * mapped request conditionally (If-Match on what was read, If-None-Match: * where it was absent), and if any
 * write fails, put back those that changed, each conditioned on the ETag our own write produced. A revert
 * that fails or meets someone else's change is drift: recorded, and thrown as CoordinationDriftError. A
 * write that went unanswered is neither: the coordination ends `unknown` and recovery judges it later.
 */
export class Coordinator<Shared> {
  readonly #options: CoordinatorOptions<Shared>;
  readonly #calls: CallerOptions;
  readonly #journal: BackgroundJournal;
  readonly #noted: StepNoted;

  constructor(options: CoordinatorOptions<Shared>) {
    this.#options = options;
    const policy: RetryPolicy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
    this.#calls = { policy, serviceAuthorization: options.serviceAuthorization };
    this.#journal = new BackgroundJournal(options.journal ?? NO_JOURNAL);
    this.#noted = noteSteps(this.#journal);
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

  /** Waits for the journal writes that answers did not wait for (see `BackgroundJournal.settle`). */
  settle(): Promise<void> {
    return this.#journal.settle();
  }

  /**
   * Finishes a coordination that its caller left unfinished (it crashed part-way, or a write went
   * unanswered): if every participant holds what was intended, it is committed; otherwise those that do
   * are put back as they were, and whatever cannot be put back is recorded as drift.
   */
  async recover(entry: JournalEntry): Promise<JournalOutcome> {
    const { coordinationId, resourceId } = entry;
    const call = this.#caller(coordinationId, {});
    const log = this.#options.log.child({ coordinationId });
    const plans = journaledPlans(entry, this.#options.participants, log);
    const results = await recoveredResults(plans, call);
    if (results.every((r) => r.kind === "applied" || r.kind === "unchanged")) {
      await this.#logged({ kind: "committed", coordinationId, created: false, stored: {} }, log, "awaited");
      return "committed";
    }
    try {
      await this.#verifyFailed({ coordinationId, resourceId, plans, log, call, finish: "awaited" }, results, RECOVERED);
      return "reverted";
    } catch (error) {
      if (error instanceof CoordinationDriftError) return "drift";
      throw error;
    }
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

  /** Map (each participant's request), Sync (read, then conditional writes), Verify (put back or drift). */
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
    // Putting a side back is the coordinator's own job, not the client's request: done with the service's
    // credentials, so a client's token that expires or a client's rate limit cannot turn a revert into drift.
    const { authorization: _client, ...onOwnBehalf } = context;
    const unhurried = this.#caller(coordinationId, onOwnBehalf);
    const run = { coordinationId, resourceId, plans, log, call: unhurried, finish: "in background" } as const;
    return this.#verifyFailed(run, results, failure.failure);
  }

  async #writeAll(plans: readonly Plan<Shared>[], call: Call): Promise<WriteResult[]> {
    if (this.#options.order !== "sequential")
      return Promise.all(plans.map((plan) => writeParticipant(plan, call, this.#noted)));
    const results: WriteResult[] = [];
    for (const plan of plans) {
      const stop = results.some((r) => r.kind === "failed" || r.kind === "unknown");
      results.push(stop ? { kind: "skipped" } : await writeParticipant(plan, call, this.#noted));
    }
    return results;
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
    run: Run<Shared>,
    results: readonly WriteResult[],
    failure: ParticipantFailure,
  ): Promise<CoordinationOutcome> {
    const { coordinationId, resourceId, plans, call, log } = run;
    const reverts = await Promise.all(
      plans.map((plan, i) => {
        const result = results[i];
        return result?.kind === "applied"
          ? revertParticipant(plan, result.etag, call, this.#noted)
          : Promise.resolve(result?.kind !== "unknown");
      }),
    );
    if (reverts.every(Boolean)) return this.#logged({ kind: "reverted", coordinationId, failure }, log, run.finish);
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
    await this.#journal.finish(coordinationId, "drift", log, "awaited");
    log.error({ outcome: "drift", drift }, "coordination drifted");
    throw new CoordinationDriftError(drift);
  }

  #caller(coordinationId: string, context: CoordinationContext, limit: CallLimit = {}): Call {
    return coordinationCaller(this.#calls, coordinationId, context, limit);
  }

  /**
   * Logs the outcome and finishes the journal entry (after the answer, for a client's coordination).
   * (A drift is recorded, and its entry finished, before the error is thrown: not here.)
   */
  async #logged(
    outcome: CoordinationOutcome & { kind: JournalOutcome },
    log: Logger,
    finish: JournalFinish,
  ): Promise<CoordinationOutcome> {
    log.info({ outcome: outcome.kind }, "coordination finished");
    await this.#journal.finish(outcome.coordinationId, outcome.kind, log, finish);
    return outcome;
  }
}
