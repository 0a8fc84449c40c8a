import type { DeliveryPage } from "./collection.ts";
import type { Confirmation, ConfirmationInput } from "./confirmation.ts";
import type { Coordinates, Delivery, DeliveryInput } from "./delivery.ts";

/**
 * Example requests and answers of version 2, shown in the OpenAPI document; building the document parses
 * each one with its schema, so an example that no longer fits the contract fails the contract gate.
 */
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

export const deliveryExample: Delivery = {
  id: "d-1",
  ownerId: "u-42",
  pickup: { latitude: 47.6205, longitude: -122.3493 },
  dropoff: { latitude: 47.6097, longitude: -122.3331 },
  deadline: "2026-12-01T10:00:00.000Z",
  expedited: false,
  packages: [{ id: "p-1", size: "small", weightKg: 1.2 }],
  status: "created",
  version: 1,
  _links: {
    self: { href: "/v2/deliveries/d-1" },
    confirmation: { href: "/v2/deliveries/d-1/confirmation" },
    dropoff: { href: "/v2/deliveries/d-1/dropoff" },
  },
};

export const deliveryPageExample: DeliveryPage = {
  items: [deliveryExample],
  _links: {
    self: { href: "/v2/deliveries?ownerId=u-42&limit=1" },
    next: { href: "/v2/deliveries?ownerId=u-42&limit=1&cursor=d-1" },
  },
};

export const confirmationExample: Confirmation = {
  ...confirmationInputExample,
  _links: { self: { href: "/v2/deliveries/d-1/confirmation" }, delivery: { href: "/v2/deliveries/d-1" } },
};
