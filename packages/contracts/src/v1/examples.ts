import type { DeliveryInput } from "./delivery.ts";

/** Example request of version 1, shown in the OpenAPI document; a test proves it is accepted. */
export const deliveryInputExample: DeliveryInput = {
  owner: "u-42",
  pickupLocation: "47.6205,-122.3493",
  dropoffLocation: "47.6097,-122.3331",
  deadline: "2026-12-01T10:00:00Z",
  expedited: "no",
  packageIds: ["p-1"],
};
