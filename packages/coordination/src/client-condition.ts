import type { ParticipantState } from "./participant.ts";

/** `*`, or the entity tags a client sent (quotes included, as the participants issued them). */
export type EntityTags = "*" | readonly string[];

/**
 * A client's If-Match / If-None-Match on a coordinated write. Each participant issues ETags of its own
 * form, so a tag names the state of whichever participant issued it: a client may hold either side's tag,
 * depending on which side answered its read.
 */
export type ClientCondition = Readonly<{ ifMatch?: EntityTags; ifNoneMatch?: EntityTags }>;

/**
 * Whether the condition holds for what the participants hold now (RFC 9110 §13.1.1, §13.1.2; If-Match wins
 * when both are sent). `If-Match: *` needs every participant to hold the resource, `If-None-Match: *` none;
 * a tag matches when some participant holds exactly that state now.
 */
export function conditionHolds(condition: ClientCondition, states: readonly ParticipantState[]): boolean {
  const present = states.filter((state) => state.kind === "present");
  const current = present.map((state) => state.etag);
  if (condition.ifMatch === "*") return present.length === states.length;
  if (condition.ifMatch) return condition.ifMatch.some((tag) => current.includes(tag));
  if (condition.ifNoneMatch === "*") return present.length === 0;
  if (condition.ifNoneMatch) return !condition.ifNoneMatch.some((tag) => current.includes(tag));
  return true;
}
