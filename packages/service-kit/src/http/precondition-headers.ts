import { NO_PRECONDITION, type Precondition } from "../versioned-writes/index.ts";
import type { AppContext } from "./app-context.ts";
import { conditionHeader, type EntityTagCondition, parseIfMatch, parseIfNoneMatch } from "./conditional.ts";

/**
 * Turns If-Match / If-None-Match of a state-changing request into a domain precondition. `versionOf`
 * reads a version from one of this representation's ETags (`undefined` for a tag it did not issue, which
 * then can never match). If-Match wins when both are sent (RFC 9110 §13.2.2).
 */
export function preconditionFromHeaders(
  ctx: AppContext,
  versionOf: (etag: string) => number | undefined,
): Precondition {
  const ifMatch = parseIfMatch(conditionHeader(ctx, "If-Match"));
  if (ifMatch)
    return ifMatch.kind === "any"
      ? { kind: "present" }
      : { kind: "version-in", versions: versions(ifMatch, versionOf) };
  const ifNoneMatch = parseIfNoneMatch(conditionHeader(ctx, "If-None-Match"));
  if (ifNoneMatch) {
    return ifNoneMatch.kind === "any"
      ? { kind: "absent" }
      : { kind: "version-not-in", versions: versions(ifNoneMatch, versionOf) };
  }
  return NO_PRECONDITION;
}

function versions(condition: EntityTagCondition & { kind: "tags" }, versionOf: (etag: string) => number | undefined) {
  return condition.tags.map(versionOf).filter((version) => version !== undefined);
}
