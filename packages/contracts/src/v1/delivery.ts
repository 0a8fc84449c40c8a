import type { Downgraded } from "@starter/service-kit/versions";
import type { z } from "zod";
import type { v1ToV2 } from "../changes/v1-to-v2/index.ts";
import { deliveryStatusSchema, INSTANT_WINDOW, isWithinInstantWindow, resourceIdSchema } from "../common/fields.ts";
import type * as v2 from "../v2/delivery.ts";
import * as v3 from "../v3/delivery.ts";
import { deliveryVersions } from "../versions/delivery-versions.ts";

export { locationSchema } from "../changes/v1-to-v2/split-location-strings-into-coordinates.ts";
export { expeditedSchema } from "../changes/v1-to-v2/turn-expedited-yes-no-into-boolean.ts";
export { deliveryStatusSchema, INSTANT_WINDOW, isWithinInstantWindow, resourceIdSchema };

/**
 * Version 1 of the Delivery wire model, the legacy contract: flat strings where version 2 has objects and
 * booleans. Not written out here: the schemas are the newest version's, changed by the units of every step
 * down (`shapeToOlder`), and the types are version 2's changed by `changes/v1-to-v2/`, so none can drift.
 */

/** The body of `PUT /v1/deliveries/{id}`, as parsed. */
export type ParsedDeliveryInput = Downgraded<v2.ParsedDeliveryInput, typeof v1ToV2>;
/** The body as a client may send it (`expedited` may be left out: "no"). */
export type DeliveryInput = Omit<ParsedDeliveryInput, "expedited"> & { expedited?: ParsedDeliveryInput["expedited"] };
export type Delivery = Downgraded<v2.Delivery, typeof v1ToV2>;

// The casts name the types the units declare for what the units build at run time; the round-trip
// property tests and the contract gate hold the two together.
export const deliveryInputSchema = deliveryVersions
  .olderSchema(v3.deliveryInputSchema, 1, "request")
  .meta({ id: "DeliveryInput" }) as unknown as z.ZodType<ParsedDeliveryInput, DeliveryInput>;
export const deliverySchema = deliveryVersions
  .olderSchema(v3.deliverySchema, 1, "response")
  .meta({ id: "Delivery" }) as unknown as z.ZodObject & z.ZodType<Delivery, Delivery>;
