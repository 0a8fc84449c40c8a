import type * as v2 from "@starter/contracts/v2";
import { InvalidRequestError } from "@starter/service-kit/errors";
import type { Confirmation, Delivery, DeliveryDetails } from "./delivery.ts";

/** Maps version 2 of the wire model to the domain and back; the wire never sees storage or domain internals. */

export const DELIVERIES_PATH = "/v2/deliveries";

export function deliveryPath(id: string): string {
  return `${DELIVERIES_PATH}/${encodeURIComponent(id)}`;
}

export function toDeliveryDetails(input: v2.ParsedDeliveryInput): DeliveryDetails {
  return {
    ownerId: input.ownerId,
    pickup: { ...input.pickup },
    dropoff: { ...input.dropoff },
    deadline: new Date(input.deadline),
    expedited: input.expedited,
    packages: input.packages.map((pkg) => ({ ...pkg })),
  };
}

export function toDeliveryDto(delivery: Delivery): v2.Delivery {
  const self = deliveryPath(delivery.id);
  return {
    id: delivery.id,
    ownerId: delivery.ownerId,
    pickup: { ...delivery.pickup },
    dropoff: { ...delivery.dropoff },
    deadline: delivery.deadline.toISOString(),
    expedited: delivery.expedited,
    packages: delivery.packages.map((pkg) => ({ ...pkg })),
    status: delivery.status,
    version: delivery.version,
    _links: {
      self: { href: self },
      confirmation: { href: `${self}/confirmation` },
      dropoff: { href: `${self}/dropoff` },
    },
  };
}

export function toConfirmation(input: v2.ConfirmationInput): Confirmation {
  return { receivedBy: input.receivedBy, confirmedAt: new Date(input.confirmedAt) };
}

export function toConfirmationDto(delivery: Delivery, confirmation: Confirmation): v2.Confirmation {
  const self = deliveryPath(delivery.id);
  return {
    receivedBy: confirmation.receivedBy,
    confirmedAt: confirmation.confirmedAt.toISOString(),
    _links: { self: { href: `${self}/confirmation` }, delivery: { href: self } },
  };
}

/**
 * Strong ETags from the aggregate's version, one per representation: the delivery, its dropoff and its
 * confirmation of one version are different representations, so their tags differ (RFC 9110 §8.8.3).
 */
export type Representation = "delivery" | "dropoff" | "confirmation";

export function etagOf(representation: Representation, version: number): string {
  return `"v2-${representation}-${version}"`;
}

export function versionFromEtag(representation: Representation, etag: string): number | undefined {
  const match = /^"v2-([a-z]+)-(\d{1,15})"$/.exec(etag);
  return match && match[1] === representation ? Number(match[2]) : undefined;
}

/** The collection's cursor is opaque to clients: base64url of the last id of the page. */
export function encodeCursor(lastId: string): string {
  return Buffer.from(JSON.stringify({ after: lastId })).toString("base64url");
}

export function decodeCursor(cursor: string): string {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    const after = (decoded as { after?: unknown }).after;
    if (typeof after === "string" && after.length > 0) return after;
  } catch {
    // falls through to the error below
  }
  throw new InvalidRequestError("the cursor is not one this service issued", [
    { path: ["cursor"], detail: "invalid cursor" },
  ]);
}
