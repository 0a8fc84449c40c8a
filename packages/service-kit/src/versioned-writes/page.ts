import type { Access } from "../access/index.ts";

/** Keyset paging by id: `afterId` is the last id of the previous page (stable under inserts, no skip). */
export type PageRequest = Readonly<{ limit: number; afterId?: string }>;

export type Page<T> = Readonly<{ items: readonly T[]; hasMore: boolean }>;

export const EMPTY_PAGE: Page<never> = Object.freeze({ items: [], hasMore: false });

/**
 * The filter a caller lists with (object-level authorization, OWASP API1): its own objects only, unless it
 * may see everything. A filter naming another owner finds nothing: undefined, answered as an empty page.
 */
export function ownedFilter<F extends Readonly<{ ownerId?: string }>>(filter: F, access: Access): F | undefined {
  if (access.everything) return filter;
  if (filter.ownerId !== undefined && filter.ownerId !== access.ownerId) return undefined;
  return { ...filter, ownerId: access.ownerId };
}
