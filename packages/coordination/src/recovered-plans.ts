import type { Logger } from "pino";
import { type Call, type Plan, readState, recoveredResult, type WriteResult } from "./coordination-plan.ts";
import type { JournalEntry } from "./journal.ts";
import type { ParticipantFailure } from "./outcome.ts";
import type { Participant } from "./participant.ts";

/**
 * A journaled coordination taken up again by recovery: its plans, rebuilt from the journal entry, and what
 * each participant's write came to, judged from what the participant holds now.
 */
/** The failure a recovered coordination reports: its caller did not finish it. */
export const RECOVERED: ParticipantFailure = {
  participant: "coordinator",
  status: undefined,
  detail: "the caller stopped part-way or a write went unanswered; recovered",
};

/** The plans of a journaled coordination, with the participants of this coordinator. */
export function journaledPlans<Shared>(
  entry: JournalEntry,
  participants: readonly Participant<Shared>[],
  log: Logger,
): Plan<Shared>[] {
  const { coordinationId, resourceId } = entry;
  return entry.participants.map((journaledPlan) => {
    const participant = participants.find((p) => p.name === journaledPlan.participant);
    if (!participant) throw new Error(`journal names an unknown participant ${journaledPlan.participant}`);
    const { intended, original } = journaledPlan;
    return { coordinationId, log, participant, resourceId, intended, original };
  });
}

/** What each participant's write came to, judged from what it holds now. */
export async function recoveredResults<Shared>(plans: readonly Plan<Shared>[], call: Call): Promise<WriteResult[]> {
  const now = await Promise.all(plans.map((plan) => readState(plan.participant, plan.resourceId, call)));
  return plans.map((plan, i) => recoveredResult(plan, now[i] ?? { kind: "unknown", reason: "" }));
}
