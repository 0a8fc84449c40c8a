import { z } from "zod";
import { linkSchema } from "./link.ts";

export const DEFAULT_PAGE_LIMIT = 20;
export const MAX_PAGE_LIMIT = 100;

/**
 * The paging members of a collection's query, spread into its filters (`z.strictObject({ ownerId, ...pageQuery })`:
 * strict, because an unknown filter would silently widen the result).
 */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_LIMIT).default(DEFAULT_PAGE_LIMIT),
  /**
   * Where the page starts: copy it from the `next` link. Pages are ordered by id and the cursor is the last
   * id of the page before, so any string is a valid place to start (keyset paging): nothing to refuse.
   */
  cursor: z.string().min(1).max(200).optional(),
};

/** One page of a collection and the link to the next, named `id` in the document. */
export function pageSchemaOf<Item extends z.ZodType>(item: Item, id: string) {
  return z
    .object({
      items: z.array(item),
      _links: z.object({ self: linkSchema, next: linkSchema.optional() }),
    })
    .meta({ id });
}
