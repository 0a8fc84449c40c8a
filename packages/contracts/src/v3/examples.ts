import type { Confirmation, ConfirmationInput } from "./confirmation.ts";
import type { Coordinates, Delivery, DeliveryInput } from "./delivery.ts";

/** Example requests and answers of version 3 (preview), shown in its document, which parses each one. */
export const deliveryInputExample: DeliveryInput = {
  ownerId: "u-42",
  pickup: { latitude: 47.6205, longitude: -122.3493 },
  dropoff: { latitude: 47.6097, longitude: -122.3331 },
  deadline: "2026-12-01T10:00:00Z",
  priority: "expedited",
  packages: [{ id: "p-1", size: "small", weightKg: 1.2 }],
};

export const dropoffExample: Coordinates = { latitude: 47.6097, longitude: -122.3331 };

export const confirmationInputExample: ConfirmationInput = {
  receivedBy: "Ada Lovelace",
  confirmedAt: "2026-12-01T09:41:00Z",
};

export const deliveryExample: Delivery = {
  id: "d-1",
  ownerId: "u-42",
  pickup: { latitude: 47.6205, longitude: -122.3493 },
  dropoff: { latitude: 47.6097, longitude: -122.3331 },
  deadline: "2026-12-01T10:00:00.000Z",
  priority: "expedited",
  packages: [{ id: "p-1", size: "small", weightKg: 1.2 }],
  status: "created",
  version: 1,
  _links: {
    self: { href: "/v3/deliveries/d-1" },
    confirmation: { href: "/v3/deliveries/d-1/confirmation" },
    dropoff: { href: "/v3/deliveries/d-1/dropoff" },
  },
};

export const confirmationExample: Confirmation = {
  ...confirmationInputExample,
  _links: { self: { href: "/v3/deliveries/d-1/confirmation" }, delivery: { href: "/v3/deliveries/d-1" } },
};
