import type { ApiVersion } from "./registry.ts";
import type { VersionChain } from "./version-chain.ts";

/**
 * A change released within a major instead of as a new one, reviewed as an exception to the contract
 * gate (docs/versioning.md): a bound that refuses only values no real client sends, say. It has no change
 * unit (nothing to translate between majors), so the changelog is where a client reads of it.
 */
export type WithinMajorChange = Readonly<{
  /** The majors it applies to. */
  majors: readonly number[];
  /** When it was released (YYYY-MM-DD). */
  date: string;
  /** A name, as a change unit's, that says what it does. */
  name: string;
  /** What a client sees change, and why. */
  why: string;
}>;

/**
 * The changelog of one resource, generated from its registry, its change units and the changes made
 * within a major, so it cannot drift from the code.
 */
export function renderChangelog(
  versions: readonly ApiVersion[],
  chain: VersionChain<string>,
  withinMajors: readonly WithinMajorChange[] = [],
): string {
  const lines = [
    "# API changelog",
    "",
    "Generated from the version registry and the change units by `pnpm contracts:changelog`.",
    "",
  ];
  for (const version of versions.toSorted((a, b) => b.major - a.major)) {
    lines.push(`## Version ${version.major} (${lifecycleLine(version)})`, "");
    const step = chain.steps.find((s) => s.to === version.major);
    if (!step) {
      lines.push("The first version.", "");
    } else {
      lines.push(`Changes from version ${step.from}:`, "");
      for (const unit of step.changes) lines.push(`- **${unit.name}**: ${unit.why}`);
      lines.push("");
    }
    const within = withinMajors.filter((change) => change.majors.includes(version.major));
    if (within.length === 0) continue;
    lines.push(`Changes within version ${version.major}:`, "");
    for (const change of within.toSorted((a, b) => a.date.localeCompare(b.date)))
      lines.push(`- ${change.date} **${change.name}**: ${change.why}`);
    lines.push("");
  }
  return lines.join("\n");
}

function lifecycleLine(version: ApiVersion): string {
  const parts: string[] = [version.state];
  // A current major's dates are a plan, kept for the day its successor is promoted.
  const planned = version.state === "current" || version.state === "preview";
  if (version.deprecatedAt) {
    parts.push(`${planned ? "deprecation planned" : "deprecated"} ${version.deprecatedAt.slice(0, 10)}`);
  }
  if (version.sunsetAt) parts.push(`sunset${planned ? " planned" : ""} ${version.sunsetAt.slice(0, 10)}`);
  if (version.successor) parts.push(`successor: version ${version.successor}`);
  return parts.join(", ");
}
