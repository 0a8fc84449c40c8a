import type { Answer } from "./participant-call.ts";

/** A read or a write of one resource on a participant; the coordinator adds the conditions and trace headers. */
export type ResourceRequest = Readonly<{
  method: "GET" | "PUT" | "DELETE";
  id: string;
  headers: Readonly<Record<string, string>>;
  body?: unknown;
}>;

/**
 * How a participant's requests reach it: through a typed client of its API, or `sendByUrl`. Rejects when
 * there is no answer (no connection, `signal` aborted); any status is an answer.
 */
export type ParticipantSend = (request: ResourceRequest, signal: AbortSignal) => Promise<Answer>;

/**
 * One service taking part in a coordinated write: how to reach its resource, how the shared DTO maps to
 * its own contract version (the Map step), and how to tell whether a representation it returns holds what
 * we sent.
 */
export type Participant<Shared> = Readonly<{
  name: string;
  send: ParticipantSend;
  /** The Map step: the shared DTO as this participant's PUT body. */
  toRequest: (shared: Shared) => unknown;
  /**
   * Whether a representation read back holds what was sent: a request, or an earlier representation put
   * back by a revert. Servers add and change read-only members (version, links), so those are ignored.
   */
  holds: (representation: unknown, sent: unknown) => boolean;
}>;

/** What a coordination means a participant to hold afterwards: a request's result, or nothing. */
export type Intended = { readonly kind: "present"; readonly request: unknown } | { readonly kind: "absent" };

/** What a participant held at a moment: nothing, or a representation with its strong ETag. */
export type ParticipantState =
  | { readonly kind: "absent" }
  | { readonly kind: "present"; readonly etag: string; readonly representation: unknown }
  /** Unreadable: the `status` it answered, or none, and then `timedOut` when it was too slow rather than unreachable. */
  | { readonly kind: "unknown"; readonly reason: string; readonly status?: number; readonly timedOut?: boolean };

/** A `holds` that ignores the participant's read-only members and compares every other member sent. */
export function holdsIgnoring(readOnlyMembers: readonly string[]) {
  return (representation: unknown, sent: unknown): boolean => {
    if (typeof sent !== "object" || sent === null || Array.isArray(sent))
      return holdsEveryRequestMember(representation, sent);
    const writable = Object.fromEntries(Object.entries(sent).filter(([key]) => !readOnlyMembers.includes(key)));
    return holdsEveryRequestMember(representation, writable);
  };
}

/** Every member of `request` is in `representation` with an equal value (recursively). */
export function holdsEveryRequestMember(representation: unknown, request: unknown): boolean {
  if (typeof request !== "object" || request === null) return Object.is(representation, request);
  if (typeof representation !== "object" || representation === null) return false;
  if (Array.isArray(request)) {
    return (
      Array.isArray(representation) &&
      request.length === representation.length &&
      request.every((item, i) => holdsEveryRequestMember(representation[i], item))
    );
  }
  return Object.entries(request).every(([key, value]) =>
    holdsEveryRequestMember((representation as Record<string, unknown>)[key], value),
  );
}
