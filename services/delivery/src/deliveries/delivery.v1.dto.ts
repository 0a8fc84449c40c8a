import * as v1 from "@starter/contracts/v1";
import * as v2 from "@starter/contracts/v2";
import { deliveryVersions } from "@starter/contracts/versions";
import { parseRequest } from "@starter/service-kit/http";
import { type DeliveryWire, toDeliveryDetails, toDeliveryDto } from "./delivery.dto.ts";

/**
 * Version 1 of the delivery resource: the version 2 wire wrapped by the change units. A v1 PUT is merged
 * onto the stored state in v2 shape, so what only v2 knows (package sizes and weights) survives it.
 */
export const v1Wire: DeliveryWire<typeof v1.deliveryInputSchema> = {
  major: 1,
  input: { schema: v1.deliveryInputSchema, example: v1.deliveryInputExample },
  output: { schema: v1.deliverySchema, example: v1.deliveryExample },
  detailsFor: (input) => (current) => {
    const upgraded = deliveryVersions.toNewer(input, 1, current && toDeliveryDto(current));
    // A v1 body the units cannot make a valid v2 one of is the client's 400 (pointers mapped back to v1).
    return toDeliveryDetails(parseRequest(v2.deliveryInputSchema, upgraded, "body"));
  },
  toWire: (delivery) => deliveryVersions.toOlder(toDeliveryDto(delivery), 1),
  requestPath: (path) => deliveryVersions.pathToOlder(path, 1),
};
