/** What every aggregate the write engine handles has: the client's id, and a version every change increases. */
export type Versioned = { readonly id: string; readonly version: number };

/** The result of applying a change to an aggregate: `changed` is false when it already had that state. */
export type Revision<T> = Readonly<{ value: T; changed: boolean }>;

/**
 * The port an aggregate's repository implements for the write engine. Writes are conditional and report
 * a lost race as a value (`duplicate`, `stale`) instead of throwing, so no caller can ignore it.
 */
export interface VersionedRepository<T extends Versioned> {
  findById(id: string): Promise<T | undefined>;
  /** `duplicate` when it exists already (someone created it first). */
  insert(value: T): Promise<"inserted" | "duplicate">;
  /** Replaces only if the stored version is still `expectedVersion`; else `stale`. */
  replace(value: T, expectedVersion: number): Promise<"replaced" | "stale">;
  /** Removes only if the stored version is still `expectedVersion`; else `stale`. */
  remove(id: string, expectedVersion: number): Promise<"removed" | "stale">;
}
