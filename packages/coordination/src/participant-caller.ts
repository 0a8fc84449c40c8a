import type { Call } from "./coordination-plan.ts";
import { callParticipant } from "./participant-call.ts";
import type { RetryPolicy } from "./retry-policy.ts";

/** Who a coordination's calls are made for, and how they are traced. */
export type CallerContext = Readonly<{
  requestId?: string;
  /** The client's `Authorization` header; absent: on nobody's behalf, with the service's own token. */
  authorization?: string;
}>;

export type CallerOptions = Readonly<{
  policy: RetryPolicy;
  /** The service's own `Authorization` header, for calls on nobody's behalf. */
  serviceAuthorization?: (() => Promise<string>) | undefined;
}>;

/** How long a coordination's calls may run: reads are cut short by the deadline only when `readsToo`. */
export type CallLimit = Readonly<{ deadline?: number; readsToo?: boolean }>;

/**
 * Calls on behalf of one coordination, under the retry policy. Reads are cut short by the deadline only
 * when `readsToo` (before any write): after a write they are how an unknown outcome is decided.
 */
export function coordinationCaller(
  options: CallerOptions,
  coordinationId: string,
  context: CallerContext,
  limit: CallLimit = {},
): Call {
  const traced = {
    "x-coordination-id": coordinationId,
    ...(context.requestId && { "x-request-id": context.requestId }),
  };
  const credentials = async (): Promise<Record<string, string>> => {
    const authorization = context.authorization ?? (await options.serviceAuthorization?.());
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
      options.policy,
      request.method === "GET" && !limit.readsToo ? undefined : limit.deadline,
    );
}
