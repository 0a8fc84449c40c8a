import type * as v2 from "@starter/contracts/v2";
import * as v3 from "@starter/contracts/v3";
import type { WirePath } from "@starter/service-kit/versions";
import type { z } from "zod";
import type { Confirmation, Delivery, DeliveryDetails } from "./delivery.ts";

/**
 * Maps the newest version of the wire model (3) to the domain and back; older majors are it wrapped by the
 * change units (`delivery.older-wires.ts`). The wire never sees storage or domain internals.
 */

export function deliveryPath(id: string, major: number): string {
  return `/v${major}/deliveries/${encodeURIComponent(id)}`;
}

/**
 * How one API major reads and writes the delivery resource. The handlers are the same for every major;
 * an older major's wire is the newest one wrapped by the contracts' change units.
 */
export type WireInput = z.ZodType<{ id?: string | undefined }>;

export type DeliveryWire<Input extends WireInput> = Readonly<{
  major: number;
  input: Readonly<{ schema: Input; example: z.input<Input> }>;
  output: Readonly<{ schema: z.ZodType; example: object }>;
  /** The details a PUT asks for, given the stored state (an older major merges onto it). */
  detailsFor: (input: z.output<Input>) => (current: Delivery | undefined) => DeliveryDetails;
  toWire: (delivery: Delivery) => object;
  /** Where a violation found in domain (newest-wire) terms lies in this major's request. */
  requestPath: (path: WirePath) => WirePath;
}>;

/** The newest major: the domain's own mapping, nothing translated. */
export const v3Wire: DeliveryWire<typeof v3.deliveryInputSchema> = {
  major: 3,
  input: { schema: v3.deliveryInputSchema, example: v3.deliveryInputExample },
  output: { schema: v3.deliverySchema, example: v3.deliveryExample },
  detailsFor: (input) => {
    const details = toDeliveryDetails(input);
    return () => details;
  },
  toWire: (delivery) => toDeliveryDto(delivery, 3),
  requestPath: (path) => path,
};

export function toDeliveryDetails(input: v3.ParsedDeliveryInput): DeliveryDetails {
  return {
    ownerId: input.ownerId,
    pickup: { ...input.pickup },
    dropoff: { ...input.dropoff },
    deadline: new Date(input.deadline),
    expedited: input.priority === "expedited",
    packages: input.packages.map((pkg) => ({ ...pkg })),
  };
}

/** The delivery in the newest shape, its links in `major`'s paths (an older major's units keep them). */
export function toDeliveryDto(delivery: Delivery, major: number): v3.Delivery {
  const self = deliveryPath(delivery.id, major);
  return {
    id: delivery.id,
    ownerId: delivery.ownerId,
    pickup: { ...delivery.pickup },
    dropoff: { ...delivery.dropoff },
    deadline: delivery.deadline.toISOString(),
    priority: delivery.expedited ? "expedited" : "standard",
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

export function toConfirmation(input: v3.ConfirmationInput): Confirmation {
  return { receivedBy: input.receivedBy, confirmedAt: new Date(input.confirmedAt) };
}

export function toConfirmationDto(delivery: Delivery, confirmation: Confirmation, major: number): v2.Confirmation {
  const self = deliveryPath(delivery.id, major);
  return {
    receivedBy: confirmation.receivedBy,
    confirmedAt: confirmation.confirmedAt.toISOString(),
    _links: { self: { href: `${self}/confirmation` }, delivery: { href: self } },
  };
}
