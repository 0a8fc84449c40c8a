import { pageQuery, pageSchemaOf } from "@starter/service-kit/wire";
import { z } from "zod";
import { deliverySchema, deliveryStatusSchema, resourceIdSchema } from "./delivery.ts";

export { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from "@starter/service-kit/wire";

/**
 * The filters of `GET /v2/deliveries`. Strict, unlike request bodies: an unknown filter would silently
 * widen the result, so it is a 400.
 */
export const deliveryQuerySchema = z.strictObject({
  status: deliveryStatusSchema.optional(),
  ownerId: resourceIdSchema.optional(),
  ...pageQuery,
});

export const deliveryPageSchema = pageSchemaOf(deliverySchema, "DeliveryPage");

export type DeliveryQuery = z.output<typeof deliveryQuerySchema>;
export type DeliveryPage = z.infer<typeof deliveryPageSchema>;
