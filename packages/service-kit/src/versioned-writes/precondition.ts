/**
 * A client's condition on the state it is about to change, in domain terms (versions, not ETags), so
 * use cases can check it without knowing HTTP. The HTTP layer builds it from If-Match / If-None-Match.
 */
export type Precondition =
  | { readonly kind: "none" }
  /** `If-None-Match: *`: create only. */
  | { readonly kind: "absent" }
  /** `If-Match: *`: change only what exists. */
  | { readonly kind: "present" }
  /** `If-Match: "tag", ...`: change only one of these versions. */
  | { readonly kind: "version-in"; readonly versions: readonly number[] }
  /** `If-None-Match: "tag", ...`: change only if the current version is none of these. */
  | { readonly kind: "version-not-in"; readonly versions: readonly number[] };

export const NO_PRECONDITION: Precondition = { kind: "none" };

/** Whether the condition holds for the current version (`undefined` when the resource is absent). */
export function preconditionHolds(precondition: Precondition, currentVersion: number | undefined): boolean {
  switch (precondition.kind) {
    case "none":
      return true;
    case "absent":
      return currentVersion === undefined;
    case "present":
      return currentVersion !== undefined;
    case "version-in":
      return currentVersion !== undefined && precondition.versions.includes(currentVersion);
    case "version-not-in":
      return currentVersion === undefined || !precondition.versions.includes(currentVersion);
  }
}
