import type { Downgraded } from "@starter/service-kit/versions";
import type { z } from "zod";
import type { v2ToV3 } from "../changes/v2-to-v3/index.ts";
import * as v3 from "../v3/delivery.ts";
import { deliveryVersions } from "../versions/delivery-versions.ts";

export {
  type Coordinates,
  coordinatesSchema,
  deliveryStatusSchema,
  INSTANT_WINDOW,
  isWithinInstantWindow,
  linkSchema,
  PACKAGE_WEIGHT_KG,
  type Package,
  packageSchema,
  packageSizeSchema,
  packagesSchema,
  resourceIdSchema,
} from "../v3/delivery.ts";

/**
 * Version 2 of the Delivery wire model, current: version 3's schemas and types changed by the units in
 * `changes/v2-to-v3/` (`expedited: boolean` where version 3 has `priority`), so the two cannot drift. The
 * schemas check the shape only; range rules are the domain's (a 422), and unknown members are stripped.
 */

/** The body of `PUT /v2/deliveries/{id}`, as parsed. */
export type ParsedDeliveryInput = Downgraded<v3.ParsedDeliveryInput, typeof v2ToV3>;
/** The body as a client may send it (`expedited` may be left out: false). */
export type DeliveryInput = Omit<Downgraded<v3.DeliveryInput, typeof v2ToV3>, "expedited"> & { expedited?: boolean };
export type Delivery = Downgraded<v3.Delivery, typeof v2ToV3>;

// The casts name the types the units declare for what the units build at run time; the round-trip
// property tests and the contract gate hold the two together.
export const deliveryInputSchema = deliveryVersions
  .olderSchema(v3.deliveryInputSchema, 2, "request")
  .meta({ id: "DeliveryInput" }) as unknown as z.ZodObject & z.ZodType<ParsedDeliveryInput, DeliveryInput>;
export const deliverySchema = deliveryVersions
  .olderSchema(v3.deliverySchema, 2, "response")
  .meta({ id: "Delivery" }) as unknown as z.ZodObject & z.ZodType<Delivery, Delivery>;
