import {
  type ApiVersion,
  type ContractVersion,
  contractVersionOf,
  parseContractVersion,
  VersionRegistryError,
} from "./registry.ts";
import type { VersionChain } from "./version-chain.ts";

/**
 * A change to a major's published document that moved its minor: an additive one (a new optional member,
 * a response documented), or a bound reviewed as an exception to the contract gate (docs/versioning.md).
 * It has no change unit (nothing to translate between majors), so the changelog is where a client reads of it.
 */
export type WithinMajorChange = Readonly<{
  /** The minor it made of each major it applies to: `["1.1", "2.1"]`. */
  versions: readonly ContractVersion[];
  /** When it was released (YYYY-MM-DD). */
  date: string;
  /** A name, as a change unit's, that says what it does. */
  name: string;
  /** What a client sees change, and why. */
  why: string;
}>;

/**
 * The changelog of one resource, generated from its registry, its change units and the changes made
 * within a major, so it cannot drift from the code. A minor without its entry, or an entry for a minor
 * the registry does not have, is refused: a client reading `1.3` finds what 1.1, 1.2 and 1.3 changed.
 */
export function renderChangelog(
  versions: readonly ApiVersion[],
  chain: VersionChain<string>,
  withinMajors: readonly WithinMajorChange[] = [],
): string {
  const problems = minorProblems(versions, withinMajors);
  if (problems.length > 0) throw new VersionRegistryError(`The changelog cannot be written: ${problems.join("; ")}`);
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
    const within = entriesOf(version.major, withinMajors);
    if (within.length === 0) continue;
    lines.push(`Changes within version ${version.major}:`, "");
    for (const { minor, change } of within)
      lines.push(`- ${version.major}.${minor}, ${change.date}: **${change.name}**: ${change.why}`);
    lines.push("");
  }
  return lines.join("\n");
}

/** The entries of one major, by the minor each made. */
function entriesOf(major: number, withinMajors: readonly WithinMajorChange[]) {
  return withinMajors
    .flatMap((change) =>
      change.versions.flatMap((text) => {
        const version = parseContractVersion(text);
        return version?.major === major ? [{ minor: version.minor, change }] : [];
      }),
    )
    .toSorted((a, b) => a.minor - b.minor);
}

function minorProblems(versions: readonly ApiVersion[], withinMajors: readonly WithinMajorChange[]): string[] {
  const problems: string[] = [];
  for (const change of withinMajors) {
    for (const text of change.versions) {
      const version = parseContractVersion(text);
      const major = versions.find((v) => v.major === version?.major);
      if (!version || version.minor === 0) problems.push(`${change.name} names ${text}, not <major>.<minor from 1>`);
      else if (!major)
        problems.push(`${change.name} names ${text}, but version ${version.major} is not in the registry`);
      else if (version.minor > (major.minor ?? 0))
        problems.push(`${change.name} names ${text}, but the registry has ${contractVersionOf(major)}`);
    }
  }
  for (const version of versions) {
    const minors = entriesOf(version.major, withinMajors).map((entry) => entry.minor);
    for (let minor = 1; minor <= (version.minor ?? 0); minor++) {
      const count = minors.filter((m) => m === minor).length;
      if (count === 0) problems.push(`${version.major}.${minor} has no entry`);
      if (count > 1) problems.push(`${version.major}.${minor} has ${count} entries; one change per minor`);
    }
  }
  return problems;
}

function lifecycleLine(version: ApiVersion): string {
  const parts: string[] = [contractVersionOf(version), version.state];
  // A current major's dates are a plan, kept for the day its successor is promoted.
  const planned = version.state === "current" || version.state === "preview";
  if (version.deprecatedAt) {
    parts.push(`${planned ? "deprecation planned" : "deprecated"} ${version.deprecatedAt.slice(0, 10)}`);
  }
  if (version.sunsetAt) parts.push(`sunset${planned ? " planned" : ""} ${version.sunsetAt.slice(0, 10)}`);
  if (version.successor) parts.push(`successor: version ${version.successor}`);
  return parts.join(", ");
}
