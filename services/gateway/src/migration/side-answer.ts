import * as v1 from "@starter/contracts/v1";
import * as v2 from "@starter/contracts/v2";
import { deliveryVersions } from "@starter/contracts/versions";

/** The gateway speaks version 2 to its clients and version 1 to the legacy side, whatever majors come later. */
const v1AndV2 = deliveryVersions.upTo(2);

import type { CallResult } from "@starter/coordination";
import { newDeliveryPath } from "./delivery-paths.ts";
import type { Side } from "./read-split.ts";

/** Why a side gave no usable answer: no answer in time, no connection, or an answer outside its contract. */
export type ReadFailure = "timed_out" | "unreachable" | "bad_answer";

/**
 * A side's answer, checked against its contract, as a whole version 2 delivery whichever side served it
 * (a legacy delivery is brought up to version 2's shape).
 */
export type SideAnswer = Readonly<
  | { side: Side; kind: "found"; etag: string; delivery: v2.Delivery }
  | { side: Side; kind: "absent" }
  | { side: Side; kind: "failed"; failure: ReadFailure; reason: string }
>;

/** A side's answer, checked against its own contract: a body its schema refuses is a failure, not data. */
export function toSideAnswer(side: Side, id: string, result: CallResult): SideAnswer {
  if (result.kind === "unanswered") {
    return { side, kind: "failed", failure: result.timedOut ? "timed_out" : "unreachable", reason: result.reason };
  }
  if (result.status === 404) return { side, kind: "absent" };
  if (result.status !== 200 || !result.etag) {
    return { side, kind: "failed", failure: "bad_answer", reason: `answered ${result.status}` };
  }
  const delivery = side === "new" ? v2.deliverySchema.safeParse(result.body) : fromLegacy(id, result.body, result.etag);
  if (!delivery.success) {
    const reason = `answered outside its contract: ${delivery.error.message}`;
    return { side, kind: "failed", failure: "bad_answer", reason };
  }
  return { side, kind: "found", etag: result.etag, delivery: delivery.data };
}

/**
 * A legacy (version 1) delivery as a whole version 2 one: the change units bring the request members up
 * (package sizes and weights take the documented v1 defaults), the legacy side's version stays, and the
 * links are the gateway's own.
 */
function fromLegacy(id: string, body: unknown, etag: string) {
  const legacy = v1.deliverySchema.safeParse(body);
  if (!legacy.success) return legacy;
  const { status, ...request } = legacy.data;
  const upgraded = v2.deliveryInputSchema.safeParse(v1AndV2.toNewer(request, 1));
  if (!upgraded.success) return upgraded;
  const version = Number(LEGACY_ETAG.exec(etag)?.[1] ?? 0);
  const self = newDeliveryPath(id);
  const links = {
    self: { href: self },
    confirmation: { href: `${self}/confirmation` },
    dropoff: { href: `${self}/dropoff` },
  };
  return v2.deliverySchema.safeParse({ ...upgraded.data, id: legacy.data.id, status, version, _links: links });
}

/** The legacy side's ETags name its version: `"legacy-<version>"`. */
const LEGACY_ETAG = /^"legacy-(\d+)"$/;

/** The members of a version 2 request, each of which version 1 expresses in its own way. */
const REQUEST_MEMBERS = Object.keys(v2.deliveryInputSchema.shape) as (keyof v2.Delivery)[];

/**
 * What version 1 can say of a delivery: its request members taken down to version 1 by the change units.
 * Derived from the schemas, so a member added to both versions is compared without a hand-kept list.
 */
function asVersion1(delivery: v2.Delivery): string {
  const request = Object.fromEntries(REQUEST_MEMBERS.map((member) => [member, delivery[member]]));
  return JSON.stringify(v1AndV2.toOlder(request, 1));
}

/** Whether both sides say the same of the members both versions know (both absent counts as the same). */
export function sameDelivery(a: SideAnswer, b: SideAnswer): boolean {
  if (a.kind === "absent" || b.kind === "absent") return a.kind === b.kind;
  if (a.kind !== "found" || b.kind !== "found") return false;
  return asVersion1(a.delivery) === asVersion1(b.delivery);
}
