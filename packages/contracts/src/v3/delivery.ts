import { linkSchema } from "@starter/service-kit/wire";
import { z } from "zod";
import {
  deliveryStatusSchema,
  INSTANT_WINDOW,
  instantSchema,
  isWithinInstantWindow,
  PACKAGE_WEIGHT_KG,
  resourceIdSchema,
} from "../common/fields.ts";

export { deliveryStatusSchema, INSTANT_WINDOW, isWithinInstantWindow, PACKAGE_WEIGHT_KG, resourceIdSchema };

/**
 * Version 3 of the Delivery wire model, the newest: the one the domain maps to. It is in preview (served,
 * tried, not yet promised); versions 2 and 1 are derived from it by the change units (`changes/`). The schemas check the shape only (types, formats, lengths):
 * range rules such as latitude in [-90, 90] are invariants of the domain and are checked there,
 * so they hold whichever version or adapter a request came through.
 *
 * Objects are not strict on purpose (tolerant reader): unknown members, and the read-only `status`,
 * `version` and `_links` sent back by a client, are stripped, never a 400.
 */

/**
 * The ranges are stated for readers and generated clients (`meta`), and checked by the domain (422), not
 * by the schema (which would make them a 400): see the README's rule on 400 and 422.
 */
export const coordinatesSchema = z
  .object({
    latitude: z.number().meta({ minimum: -90, maximum: 90, description: "Degrees north; a 422 outside [-90, 90]." }),
    longitude: z
      .number()
      .meta({ minimum: -180, maximum: 180, description: "Degrees east; a 422 outside [-180, 180]." }),
  })
  .meta({ id: "Coordinates" });

export const packageSizeSchema = z.enum(["small", "medium", "large"]);

export const packageSchema = z
  .object({
    id: resourceIdSchema,
    size: packageSizeSchema,
    weightKg: z.number().meta({
      ...PACKAGE_WEIGHT_KG,
      description: `Kilograms: greater than 0 and at most ${PACKAGE_WEIGHT_KG.maximum}, or a 422.`,
    }),
  })
  .meta({ id: "Package" });

/**
 * An additive change within version 2, kept since: its first clients sent a single package as an object, newer ones
 * send a list. Both shapes are accepted and normalised to the list, so older v2 clients never notice.
 */
export const packagesSchema = z.union([
  z.array(packageSchema).max(100).meta({ minItems: 1, description: "At least one package, each id once, or a 422." }),
  packageSchema.transform((single) => [single]),
]);

/**
 * How fast a delivery goes. New values may be added within the major (a same-day service is planned): a
 * client reads a value it does not know as `standard`.
 */
export const prioritySchema = z
  .enum(["standard", "expedited"])
  .meta({ description: "How fast it goes; a value you do not know yet means standard." });

/** The body of `PUT /v3/deliveries/{id}`. `id` may be omitted; when present it must equal the URL's. */
export const deliveryInputSchema = z
  .object({
    id: resourceIdSchema.optional(),
    ownerId: resourceIdSchema,
    pickup: coordinatesSchema,
    dropoff: coordinatesSchema,
    deadline: instantSchema,
    priority: prioritySchema.default("standard"),
    packages: packagesSchema,
  })
  .meta({ id: "DeliveryInput" });

export { linkSchema };

export const deliverySchema = deliveryInputSchema
  .extend({
    id: resourceIdSchema,
    priority: prioritySchema,
    packages: z.array(packageSchema),
    status: deliveryStatusSchema,
    version: z.number().int().positive(),
    _links: z.object({
      self: linkSchema,
      confirmation: linkSchema,
      dropoff: linkSchema,
    }),
  })
  .meta({ id: "Delivery" });

export type Coordinates = z.infer<typeof coordinatesSchema>;
export type Package = z.infer<typeof packageSchema>;
export type Priority = z.infer<typeof prioritySchema>;
export type DeliveryInput = z.input<typeof deliveryInputSchema>;
export type ParsedDeliveryInput = z.output<typeof deliveryInputSchema>;
export type Delivery = z.infer<typeof deliverySchema>;
