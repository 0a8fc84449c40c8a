import * as v2 from "@starter/contracts/v2";
import { callParticipant, DEFAULT_RETRY_POLICY } from "@starter/coordination";
import type { SharedDelivery } from "./delivery-participants.ts";
import { newDeliveryPath } from "./delivery-paths.ts";
import { newSide } from "./delivery-sides.client.ts";

/**
 * The new service is the source of truth when a drift is repaired: its current representation, without
 * its read-only members, is the shared DTO to converge on; undefined when it has no such delivery. Read
 * with the gateway's own token (a repair is on nobody's behalf).
 */
export async function readFromNewSide(
  newUrl: string,
  id: string,
  serviceAuthorization?: () => Promise<string>,
): Promise<SharedDelivery | undefined> {
  const { send } = newSide(newUrl);
  const authorization = await serviceAuthorization?.();
  const headers = authorization ? { authorization } : {};
  const read = (signal: AbortSignal) => send({ method: "GET", id, headers }, signal);
  const result = await callParticipant(read, DEFAULT_RETRY_POLICY);
  if (result.kind === "answered" && result.status === 404) return undefined;
  const parsed =
    result.kind === "answered" && result.status === 200 ? v2.deliverySchema.safeParse(result.body) : undefined;
  if (!parsed?.success) throw new Error(`cannot read ${newUrl}${newDeliveryPath(id)} to repair from it`);
  const { status: _status, version: _version, _links, ...shared } = parsed.data;
  return shared;
}
