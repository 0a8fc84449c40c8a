import * as v2 from "@starter/contracts/v2";
import type { WirePath } from "@starter/service-kit/versions";
import type { z } from "zod";
import type { Confirmation, Delivery, DeliveryDetails } from "./delivery.ts";

/** Maps version 2 of the wire model to the domain and back; the wire never sees storage or domain internals. */

export function deliveryPath(id: string, major = 2): string {
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

export const v2Wire: DeliveryWire<typeof v2.deliveryInputSchema> = {
  major: 2,
  input: { schema: v2.deliveryInputSchema, example: v2.deliveryInputExample },
  output: { schema: v2.deliverySchema, example: v2.deliveryExample },
  detailsFor: (input) => {
    const details = toDeliveryDetails(input);
    return () => details;
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
