import type { ConfirmationInput } from "./confirmation.ts";
import type { Coordinates, DeliveryInput } from "./delivery.ts";

/** Example requests of version 2, shown in the OpenAPI document; a test proves each one is accepted. */
export const deliveryInputExample: DeliveryInput = {
  ownerId: "u-42",
  pickup: { latitude: 47.6205, longitude: -122.3493 },
  dropoff: { latitude: 47.6097, longitude: -122.3331 },
  deadline: "2026-12-01T10:00:00Z",
  expedited: false,
  packages: [{ id: "p-1", size: "small", weightKg: 1.2 }],
};

export const dropoffExample: Coordinates = { latitude: 47.6097, longitude: -122.3331 };

export const confirmationInputExample: ConfirmationInput = {
  receivedBy: "Ada Lovelace",
  confirmedAt: "2026-12-01T09:41:00Z",
};
