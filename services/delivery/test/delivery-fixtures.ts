import { type DeliveryInput, deliveryInputExample } from "@starter/contracts/v2";
import { uniqueId } from "@starter/testing";

/** A valid version 2 PUT body (the documented example, with an owner of its own); each test overrides what it is about. */
export function deliveryInput(overrides: Partial<DeliveryInput> = {}): DeliveryInput {
  return { ...deliveryInputExample, ownerId: uniqueId("u"), ...overrides };
}

export function deliveryUrl(baseUrl: string, id: string): string {
  return `${baseUrl}/v2/deliveries/${id}`;
}
