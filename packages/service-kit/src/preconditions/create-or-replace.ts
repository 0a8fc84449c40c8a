import { ConcurrentModificationError, PreconditionFailedError } from "../errors/index.ts";
import { type Precondition, preconditionHolds } from "./precondition.ts";

/** The storage a create-or-replace needs: conditional writes that report a lost race instead of throwing. */
export type VersionedStore<T> = Readonly<{
  find: () => Promise<T | undefined>;
  /** `duplicate` when it exists already (someone created it first). */
  insert: (value: T) => Promise<"inserted" | "duplicate">;
  /** Replaces only if the stored version is still `expectedVersion`; else `stale`. */
  replace: (value: T, expectedVersion: number) => Promise<"replaced" | "stale">;
}>;

/** How an aggregate is made from a request, and revised by it (`changed: false` when nothing differs). */
export type CreateOrReviseRules<T> = Readonly<{
  create: () => T;
  revise: (current: T) => { readonly value: T; readonly changed: boolean };
}>;

export type PutOutcome = "created" | "replaced" | "unchanged";

const MAX_ATTEMPTS = 5;

/**
 * The one write path of an idempotent PUT (design example 5): read, check the precondition, then insert or
 * replace conditionally. A lost race (duplicate insert, stale version) re-reads and decides again, so
 * concurrent identical first PUTs give one `created` and the rest `unchanged`, and no update is lost.
 */
export async function createOrReplace<T extends { readonly version: number }>(
  store: VersionedStore<T>,
  precondition: Precondition,
  rules: CreateOrReviseRules<T>,
): Promise<{ outcome: PutOutcome; value: T }> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const current = await store.find();
    if (!preconditionHolds(precondition, current?.version)) {
      throw new PreconditionFailedError(
        current ? "the current ETag does not satisfy the condition" : "the resource does not exist",
      );
    }
    if (!current) {
      const created = rules.create();
      if ((await store.insert(created)) === "inserted") return { outcome: "created", value: created };
      continue;
    }
    const revision = rules.revise(current);
    if (!revision.changed) return { outcome: "unchanged", value: current };
    if ((await store.replace(revision.value, current.version)) === "replaced")
      return { outcome: "replaced", value: revision.value };
    // The version the client's If-Match named is gone: re-reading cannot make the condition hold again.
    if (precondition.kind === "version-in") throw new PreconditionFailedError("the resource changed in the meantime");
  }
  throw new ConcurrentModificationError("the resource kept changing while it was being written");
}
