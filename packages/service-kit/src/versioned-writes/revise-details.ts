import { isDeepStrictEqual } from "node:util";
import type { Revision, Versioned } from "./versioned-repository.ts";

/**
 * The revision a request that states every detail makes (a PUT replaces them all): a replay, every detail
 * already as stored, changes nothing; any detail that differs is a new version. Compared member by member
 * over what the request states, so a detail added to the aggregate can never be left out of the comparison
 * (it would answer a changed PUT as a replay and keep the old value). An optional detail must be stated as
 * `undefined` when it is absent, or the stored value would stay.
 */
export function reviseDetails<T extends Versioned, Details extends object>(current: T, details: Details): Revision<T> {
  const stored = current as unknown as Record<string, unknown>;
  const unchanged = Object.entries(details).every(([name, value]) => isDeepStrictEqual(stored[name], value));
  if (unchanged) return { value: current, changed: false };
  return { value: { ...current, ...details, version: current.version + 1 }, changed: true };
}
