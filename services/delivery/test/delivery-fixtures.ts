import type { DeliveryInput } from "@starter/contracts/v2";
import { uniqueId } from "@starter/testing";

/** A valid version 2 PUT body; each test overrides what it is about. */
export function deliveryInput(overrides: Partial<DeliveryInput> = {}): DeliveryInput {
  return {
    ownerId: uniqueId("u"),
    pickup: { latitude: 47.6205, longitude: -122.3493 },
    dropoff: { latitude: 47.6097, longitude: -122.3331 },
    deadline: "2026-12-01T10:00:00Z",
    expedited: false,
    packages: [{ id: "p-1", size: "small", weightKg: 1.2 }],
    ...overrides,
  };
}

export function deliveryUrl(baseUrl: string, id: string): string {
  return `${baseUrl}/v2/deliveries/${id}`;
}
