import { z } from "zod";
import { deliveryStatusSchema, instantSchema, resourceIdSchema } from "../shared/fields.ts";

export { deliveryStatusSchema, resourceIdSchema };

/**
 * Version 1 of the Delivery wire model, the legacy contract: flat strings where version 2 has objects
 * and booleans. Served beside version 2 through the change units in `changes/v1-to-v2/`.
 */

const DECIMAL = "-?\\d+(?:\\.\\d+)?";
const LOCATION = new RegExp(`^\\s*(${DECIMAL})\\s*,\\s*(${DECIMAL})\\s*$`);

/**
 * "latitude,longitude". Parsed to its canonical text ("47.60 , 8" -> "47.6,8"), so one location has one
 * spelling and a v1 request survives the trip through version 2 and back unchanged.
 */
export const locationSchema = z
  .string()
  .regex(LOCATION, 'must be "latitude,longitude" in decimal degrees')
  .transform((text) => {
    const [, latitude, longitude] = LOCATION.exec(text) ?? [];
    return `${Number(latitude)},${Number(longitude)}`;
  });

export const expeditedSchema = z.enum(["yes", "no"]);

/** The body of `PUT /v1/deliveries/{id}`. */
export const deliveryInputSchema = z.object({
  id: resourceIdSchema.optional(),
  owner: resourceIdSchema,
  pickupLocation: locationSchema,
  dropoffLocation: locationSchema,
  deadline: instantSchema,
  expedited: expeditedSchema.default("no"),
  packageIds: z
    .array(resourceIdSchema)
    .max(100)
    .meta({ minItems: 1, uniqueItems: true, description: "At least one package, each id once, or a 422." }),
});

export const deliverySchema = z.object({
  id: resourceIdSchema,
  owner: resourceIdSchema,
  pickupLocation: z.string(),
  dropoffLocation: z.string(),
  deadline: instantSchema,
  expedited: expeditedSchema,
  packageIds: z.array(resourceIdSchema),
  status: deliveryStatusSchema,
});

export type DeliveryInput = z.input<typeof deliveryInputSchema>;
export type ParsedDeliveryInput = z.output<typeof deliveryInputSchema>;
export type Delivery = z.infer<typeof deliverySchema>;
