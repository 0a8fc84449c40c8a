import * as v2 from "@starter/contracts/v2";
import { InvalidRequestError } from "@starter/service-kit/errors";
import { parseRequest } from "@starter/service-kit/http";
import type { WirePath } from "@starter/service-kit/versions";
import type { Confirmation, Delivery, DeliveryDetails } from "./delivery.ts";

/** Maps version 2 of the wire model to the domain and back; the wire never sees storage or domain internals. */

export function deliveriesPath(major: number): string {
  return `/v${major}/deliveries`;
}

export function deliveryPath(id: string, major = 2): string {
  return `${deliveriesPath(major)}/${encodeURIComponent(id)}`;
}

/**
 * How one API major reads and writes the delivery resource. The handlers are the same for every major;
 * an older major's wire is the newest one wrapped by the change units of the contracts package.
 */
export type DeliveryWire = {
  readonly major: number;
  /** A PUT body: the id it names, if any, and the details it asks for given the stored state. */
  readonly parsePut: (body: unknown) => {
    id: string | undefined;
    detailsFor: (current: Delivery | undefined) => DeliveryDetails;
  };
  readonly toWire: (delivery: Delivery) => object;
  /** Where a violation found in domain (newest-wire) terms lies in this major's request. */
  readonly requestPath: (path: WirePath) => WirePath;
};

export const v2Wire: DeliveryWire = {
  major: 2,
  parsePut: (body) => {
    const input = parseRequest(v2.deliveryInputSchema, body, "body");
    const details = toDeliveryDetails(input);
    return { id: input.id, detailsFor: () => details };
  },
  toWire: (delivery) => toDeliveryDto(delivery),
  requestPath: (path) => path,
};

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
 * Strong ETags from the aggregate's version, one per major and representation: the v1 and v2 forms of a
 * delivery, and its dropoff and confirmation, are different representations, so their tags differ
 * (RFC 9110 §8.8.3), and an If-Match taken from a v1 GET means exactly that v1 state.
 */
export type Representation = "delivery" | "dropoff" | "confirmation";

export function etagOf(major: number, representation: Representation, version: number): string {
  return `"v${major}-${representation}-${version}"`;
}

export function versionFromEtag(major: number, representation: Representation, etag: string): number | undefined {
  const match = /^"v(\d+)-([a-z]+)-(\d{1,15})"$/.exec(etag);
  return match && Number(match[1]) === major && match[2] === representation ? Number(match[3]) : undefined;
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
