import * as v1 from "@starter/contracts/v1";
import * as v2 from "@starter/contracts/v2";
import * as v3 from "@starter/contracts/v3";
import { deliveryVersions } from "@starter/contracts/versions";
import { parseRequest } from "@starter/service-kit/http";
import type { WirePath } from "@starter/service-kit/versions";
import type { z } from "zod";
import { type DeliveryWire, toDeliveryDetails, toDeliveryDto, type WireInput } from "./delivery.dto.ts";

/**
 * An older major of the delivery resource: the newest wire wrapped by the change units. A PUT is merged onto
 * the stored state in the newest shape, so what only newer majors know (package sizes and weights, for a
 * version 1 client) survives it.
 */
function olderWire<Input extends WireInput>(
  major: number,
  input: DeliveryWire<Input>["input"],
  output: DeliveryWire<Input>["output"],
): DeliveryWire<Input> {
  return {
    major,
    input,
    output,
    detailsFor: (body: z.output<Input>) => (current) => {
      const upgraded = deliveryVersions.toNewer(body, major, current && toDeliveryDto(current, major));
      // A body the units cannot make a valid newest one of is the client's 400 (pointers mapped back).
      return toDeliveryDetails(parseRequest(v3.deliveryInputSchema, upgraded, "body"));
    },
    toWire: (delivery) => deliveryVersions.toOlder(toDeliveryDto(delivery, major), major),
    requestPath: (path: WirePath) => deliveryVersions.pathToOlder(path, major),
  };
}

export const v2Wire = olderWire(
  2,
  { schema: v2.deliveryInputSchema, example: v2.deliveryInputExample },
  { schema: v2.deliverySchema, example: v2.deliveryExample },
);

export const v1Wire = olderWire(
  1,
  { schema: v1.deliveryInputSchema, example: v1.deliveryInputExample },
  { schema: v1.deliverySchema, example: v1.deliveryExample },
);
