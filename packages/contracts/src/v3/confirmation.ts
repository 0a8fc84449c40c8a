import { z } from "zod";
import { instantSchema } from "../common/fields.ts";
import { linkSchema } from "./delivery.ts";

/** The proof of hand-over, a child entity of a delivery: `PUT|GET /v<2|3>/deliveries/{id}/confirmation`, the same in both. */
export const confirmationInputSchema = z
  .object({
    receivedBy: z.string().min(1).max(200),
    confirmedAt: instantSchema,
  })
  .meta({ id: "ConfirmationInput" });

export const confirmationSchema = confirmationInputSchema
  .extend({
    _links: z.object({ self: linkSchema, delivery: linkSchema }),
  })
  .meta({ id: "Confirmation" });

export type ConfirmationInput = z.infer<typeof confirmationInputSchema>;
export type Confirmation = z.infer<typeof confirmationSchema>;
