import { callParticipant, type RetryPolicy } from "@starter/coordination";
import type { DeliverySides } from "./delivery-sides.client.ts";
import type { Side } from "./read-split.ts";
import { type SideAnswer, toSideAnswer } from "./side-answer.ts";

/** Who a read is for: its request id and its `Authorization` header (empty when it carries none). */
export type ReadCaller = Readonly<{ requestId: string; authorization: string }>;

/** Reads one delivery from one side, with the caller's request id and token, under the retry policy. */
export function readSide(
  sides: DeliverySides,
  policy: RetryPolicy,
): (side: Side, id: string, caller: ReadCaller, deadline?: number) => Promise<SideAnswer> {
  return async (side, id, caller, deadline) => {
    const send = side === "new" ? sides.fresh.send : sides.legacy;
    const headers = {
      "x-request-id": caller.requestId,
      ...(caller.authorization && { authorization: caller.authorization }),
    };
    const read = (signal: AbortSignal) => send({ method: "GET", id, headers }, signal);
    return toSideAnswer(side, id, await callParticipant(read, policy, deadline));
  };
}
