import type { BackgroundJournal } from "./background-journal.ts";
import {
  appliedAsRead,
  type Call,
  failureOf,
  holdsIntended,
  type Plan,
  readState,
  revertRequest,
  sameState,
  summary,
  type WriteResult,
  writeRequest,
} from "./coordination-plan.ts";
import type { CallResult } from "./participant-call.ts";

/** Told of each write and revert as it is answered (a log line, and a journal step when it went wrong). */
export type StepNoted = <Shared>(step: "write" | "revert", plan: Plan<Shared>, result: CallResult) => void;

/**
 * One conditional write. A clear refusal (4xx) is a failure; anything else (412, 5xx, no answer) is
 * resolved by reading back: a retried write whose first attempt was applied meets its own change as a 412.
 * A read-back that shows the write applied settles it. One that does not settles nothing when an attempt
 * went unanswered: aborting a request does not stop the service from applying it, so the read can only
 * show that the write has not landed yet. That outcome stays unknown.
 */
export async function writeParticipant<Shared>(plan: Plan<Shared>, call: Call, noted: StepNoted): Promise<WriteResult> {
  if (plan.intended.kind === "absent" && plan.original.kind === "absent") return { kind: "unchanged" };
  const result = await call(plan.participant, writeRequest(plan));
  noted("write", plan, result);
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
 * Puts one participant back as it was, only if it still holds our write (its ETag; after our delete, its
 * absence). Unless the answer is a clear success, what it holds is read back: a retried revert may meet
 * its own first attempt.
 */
export async function revertParticipant<Shared>(
  plan: Plan<Shared>,
  ourEtag: string | undefined,
  call: Call,
  noted: StepNoted,
): Promise<boolean> {
  const result = await call(plan.participant, revertRequest(plan, ourEtag));
  noted("revert", plan, result);
  if (result.kind === "answered" && result.status < 300) return true;
  return sameState(plan.participant, await readState(plan.participant, plan.resourceId, call), plan.original);
}

/**
 * A write that went as planned is implied by the outcome ("committed"): it is logged at debug and not
 * journaled, which keeps a database write and a log line per participant off every coordination. A
 * refused, failed or unanswered write and every revert are what someone will ask about: logged at info
 * and journaled.
 */
export function noteSteps(journal: BackgroundJournal): StepNoted {
  return (step, plan, result) => {
    const participant = plan.participant.name;
    const line = { step, participant, result: summary(result) };
    if (step === "write" && result.kind === "answered" && result.status < 300) {
      plan.log.debug(line, "coordination step");
      return;
    }
    plan.log.info(line, "coordination step");
    journal.step(plan.coordinationId, { participant, action: step, result: summary(result) }, plan.log);
  };
}
