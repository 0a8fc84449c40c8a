import { z } from "zod";

/**
 * Version 2 of the Delivery wire model. The schemas check the shape only (types, formats, lengths):
 * range rules such as latitude in [-90, 90] are invariants of the domain and are checked there,
 * so they hold whichever version or adapter a request came through.
 *
 * Objects are not strict on purpose (tolerant reader): unknown members, and the read-only `status`,
 * `version` and `_links` sent back by a client, are stripped, never a 400.
 */

export const resourceIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9._~-]{1,64}$/, "must be 1-64 characters of A-Z a-z 0-9 . _ ~ -");

export const coordinatesSchema = z.object({
  latitude: z.number(),
  longitude: z.number(),
});

export const packageSizeSchema = z.enum(["small", "medium", "large"]);

export const packageSchema = z.object({
  id: resourceIdSchema,
  size: packageSizeSchema,
  weightKg: z.number(),
});

export const deliveryStatusSchema = z.enum(["created", "dispatched", "delivered"]);

/** The body of `PUT /v2/deliveries/{id}`. `id` may be omitted; when present it must equal the URL's. */
export const deliveryInputSchema = z.object({
  id: resourceIdSchema.optional(),
  ownerId: resourceIdSchema,
  pickup: coordinatesSchema,
  dropoff: coordinatesSchema,
  deadline: z.iso.datetime({ offset: true }),
  expedited: z.boolean().default(false),
  packages: z.array(packageSchema).max(100),
});

export const linkSchema = z.object({ href: z.string() });

export const deliverySchema = deliveryInputSchema.extend({
  id: resourceIdSchema,
  expedited: z.boolean(),
  status: deliveryStatusSchema,
  version: z.number().int().positive(),
  _links: z.object({
    self: linkSchema,
    confirmation: linkSchema,
    dropoff: linkSchema,
  }),
});

export type Coordinates = z.infer<typeof coordinatesSchema>;
export type Package = z.infer<typeof packageSchema>;
export type DeliveryInput = z.input<typeof deliveryInputSchema>;
export type ParsedDeliveryInput = z.output<typeof deliveryInputSchema>;
export type Delivery = z.infer<typeof deliverySchema>;
