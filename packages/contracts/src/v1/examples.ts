import * as v2 from "../v2/examples.ts";
import { deliveryVersions } from "../versions/delivery-versions.ts";
import type { Delivery, DeliveryInput } from "./delivery.ts";

/** Examples of version 1, shown in the OpenAPI document (which parses each one with its schema). */
export const deliveryInputExample: DeliveryInput = {
  owner: "u-42",
  pickupLocation: "47.6205,-122.3493",
  dropoffLocation: "47.6097,-122.3331",
  deadline: "2026-12-01T10:00:00Z",
  expedited: "no",
  packageIds: ["p-1"],
};

/** Version 2's example as a version 1 client reads it: the change units make it, so the two cannot drift. */
export const deliveryExample = deliveryVersions.upTo(2).toOlder(v2.deliveryExample, 1) as Delivery;
