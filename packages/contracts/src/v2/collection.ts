import { z } from "zod";
import { deliverySchema, deliveryStatusSchema, linkSchema, resourceIdSchema } from "./delivery.ts";

export const DEFAULT_PAGE_LIMIT = 20;
export const MAX_PAGE_LIMIT = 100;

/**
 * The filters of `GET /v2/deliveries`. Strict, unlike request bodies: an unknown filter would silently
 * widen the result, so it is a 400.
 */
export const deliveryQuerySchema = z.strictObject({
  status: deliveryStatusSchema.optional(),
  ownerId: resourceIdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_LIMIT).default(DEFAULT_PAGE_LIMIT),
  /**
   * Where the page starts: copy it from the `next` link. Pages are ordered by id and the cursor is the last
   * id of the page before, so any string is a valid place to start (keyset paging): nothing to refuse.
   */
  cursor: z.string().min(1).max(200).optional(),
});

export const deliveryPageSchema = z
  .object({
    items: z.array(deliverySchema),
    _links: z.object({ self: linkSchema, next: linkSchema.optional() }),
  })
  .meta({ id: "DeliveryPage" });

export type DeliveryQuery = z.output<typeof deliveryQuerySchema>;
export type DeliveryPage = z.infer<typeof deliveryPageSchema>;
