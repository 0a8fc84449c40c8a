import type { Logger } from "pino";
import type { ParticipantFailure, StoredState } from "./outcome.ts";
import type { Intended, Participant, ParticipantState, ResourceRequest } from "./participant.ts";
import type { CallResult } from "./participant-call.ts";

/**
 * The steps of one coordination for one participant, as plain functions: which request a write or a
 * revert is, and how to judge what a participant holds. The Coordinator sequences them.
 */

/** One participant in one coordination: what it should hold afterwards, and what it held before. */
export type Plan<Shared> = Readonly<{
  coordinationId: string;
  /** The coordination's log: every line names the coordination, and the request that started it. */
  log: Logger;
  participant: Participant<Shared>;
  resourceId: string;
  intended: Intended;
  original: ParticipantState;
}>;

export type WriteResult =
  /** `etag` is the ETag our write produced, `representation` what the participant then held; none after a delete. */
  | { readonly kind: "applied"; readonly etag: string | undefined; readonly representation?: unknown }
  | { readonly kind: "unchanged" }
  | { readonly kind: "failed"; readonly failure: ParticipantFailure }
  | { readonly kind: "unknown"; readonly failure: ParticipantFailure }
  | { readonly kind: "skipped" };

/** Sends a request to a participant under the coordinator's retry policy, deadline and trace headers. */
export type Call = <Shared>(participant: Participant<Shared>, request: ResourceRequest) => Promise<CallResult>;

export function journaled<Shared>(plan: Plan<Shared>) {
  return { participant: plan.participant.name, intended: plan.intended, original: plan.original };
}

/** What a crashed coordination achieved on one participant, judged from what it holds now. */
export function recoveredResult<Shared>(plan: Plan<Shared>, now: ParticipantState): WriteResult {
  const failure = { participant: plan.participant.name, status: undefined, detail: "recovered" };
  if (sameState(plan.participant, now, plan.original))
    return holdsIntended(plan, now) ? { kind: "unchanged" } : { kind: "failed", failure };
  if (holdsIntended(plan, now)) return appliedAsRead(now);
  return { kind: "unknown", failure };
}

export function writeRequest<Shared>(plan: Plan<Shared>): ResourceRequest {
  const { intended, original, resourceId: id } = plan;
  if (intended.kind === "absent") return { method: "DELETE", id, headers: { "if-match": etagOf(original) } };
  const condition = original.kind === "present" ? { "if-match": original.etag } : { "if-none-match": "*" };
  return { method: "PUT", id, headers: condition, body: intended.request };
}

export function revertRequest<Shared>(plan: Plan<Shared>, ourEtag: string | undefined): ResourceRequest {
  const { intended, original, resourceId: id } = plan;
  if (original.kind !== "present") return { method: "DELETE", id, headers: { "if-match": ourEtag ?? "" } };
  const condition = intended.kind === "absent" ? { "if-none-match": "*" } : { "if-match": ourEtag ?? "" };
  return { method: "PUT", id, headers: condition, body: original.representation };
}

export function holdsIntended<Shared>(plan: Plan<Shared>, now: ParticipantState): boolean {
  if (plan.intended.kind === "absent") return now.kind === "absent";
  return now.kind === "present" && plan.participant.holds(now.representation, plan.intended.request);
}

export function etagOf(state: ParticipantState): string {
  return state.kind === "present" ? state.etag : "";
}

export async function readState<Shared>(
  participant: Participant<Shared>,
  resourceId: string,
  call: Call,
): Promise<ParticipantState> {
  const result = await call(participant, { method: "GET", id: resourceId, headers: {} });
  if (result.kind === "answered" && result.status === 404) return { kind: "absent" };
  if (result.kind === "answered" && result.status === 200 && result.etag) {
    return { kind: "present", etag: result.etag, representation: result.body };
  }
  if (result.kind === "answered") return { kind: "unknown", reason: `status ${result.status}`, status: result.status };
  return { kind: "unknown", reason: result.reason, timedOut: result.timedOut };
}

export function failureOf<Shared>(plan: Plan<Shared>, result: CallResult): ParticipantFailure {
  const participant = plan.participant.name;
  if (result.kind === "answered") {
    return { participant, status: result.status, detail: result.body, headers: result.headers };
  }
  return { participant, status: undefined, detail: result.reason, unanswered: unansweredAs(result.timedOut) };
}

/** A participant that could not be read before anything was written: why, for the caller's answer. */
export function unreadableFailure(participant: string, state: ParticipantState): ParticipantFailure {
  const status = state.kind === "unknown" ? state.status : undefined;
  if (status !== undefined) return { participant, status, detail: state };
  const timedOut = state.kind === "unknown" && state.timedOut === true;
  return { participant, status: undefined, detail: state, unanswered: unansweredAs(timedOut) };
}

function unansweredAs(timedOut: boolean): "timed_out" | "unreachable" {
  return timedOut ? "timed_out" : "unreachable";
}

/** An applied write known from reading the participant back. */
export function appliedAsRead(now: ParticipantState): WriteResult {
  return now.kind === "present"
    ? { kind: "applied", etag: now.etag, representation: now.representation }
    : { kind: "applied", etag: undefined };
}

/** What each participant holds after its applied write, by participant name (none after a delete). */
export function storedStates<Shared>(
  plans: readonly Plan<Shared>[],
  results: readonly WriteResult[],
): Record<string, StoredState> {
  const stored: Record<string, StoredState> = {};
  plans.forEach((plan, i) => {
    const result = results[i];
    if (result?.kind === "applied" && result.etag) {
      stored[plan.participant.name] = { etag: result.etag, representation: result.representation };
    }
  });
  return stored;
}

/** Whether two states hold the same thing: both absent, or representations that `holds` each other. */
export function sameState<Shared>(participant: Participant<Shared>, a: ParticipantState, b: ParticipantState): boolean {
  if (a.kind === "absent" || b.kind === "absent") return a.kind === b.kind;
  if (a.kind !== "present" || b.kind !== "present") return false;
  return a.etag === b.etag || participant.holds(a.representation, b.representation);
}

export function summary(result: CallResult): string {
  return result.kind === "answered" ? String(result.status) : `unanswered (${result.reason})`;
}
