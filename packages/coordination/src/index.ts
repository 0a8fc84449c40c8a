export { type ClientCondition, conditionHolds, type EntityTags } from "./client-condition.ts";
export { Coordinator } from "./coordinator.ts";
export type { CoordinationContext, CoordinationObserver, CoordinatorOptions } from "./coordinator-options.ts";
export type { DriftStore } from "./drift-store.ts";
export {
  type CoordinationJournal,
  type JournalEntry,
  type JournalOutcome,
  type JournalStep,
  NO_JOURNAL,
} from "./journal.ts";
export {
  CoordinationDriftError,
  type CoordinationOutcome,
  type DriftedParticipant,
  type DriftRecord,
  type ParticipantFailure,
  type StoredState,
} from "./outcome.ts";
export {
  holdsEveryRequestMember,
  holdsIgnoring,
  type Intended,
  type Participant,
  type ParticipantSend,
  type ParticipantState,
  type ResourceRequest,
} from "./participant.ts";
export {
  type Answer,
  type AnswerHeaders,
  type CallResult,
  callParticipant,
  type Exchange,
  REFUSAL_HEADERS,
} from "./participant-call.ts";
export { type RepairDeps, repairDrift } from "./reconciliation.ts";
export { recoverUnfinished } from "./recovery.ts";
export { DEFAULT_RETRY_POLICY, type RetryPolicy, retryDelayMs } from "./retry-policy.ts";
export { sendByUrl } from "./send-by-url.ts";
