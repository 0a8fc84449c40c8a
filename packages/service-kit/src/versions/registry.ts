/**
 * The single source of truth for the lifecycle of each major version. At most two are in production
 * (one `current` and one `deprecated`) plus at most one `preview`; `retired` ones answer 410.
 */
export type VersionState = "preview" | "current" | "deprecated" | "retired";

export type ApiVersion = {
  readonly major: number;
  readonly state: VersionState;
  /** When the version was (or will be) deprecated: the `Deprecation` header (RFC 9745). */
  readonly deprecatedAt?: string;
  /** When it stops being served: the `Sunset` header (RFC 8594); never before `deprecatedAt`. */
  readonly sunsetAt?: string;
  /** The major that replaces it: `Link: <...>; rel="successor-version"`. */
  readonly successor?: number;
};

export class VersionRegistryError extends Error {}

export type VersionRegistry = {
  readonly versions: readonly ApiVersion[];
  /** The `current` major: what an unversioned request without `Accept-Version` gets. */
  readonly defaultMajor: number;
  readonly find: (major: number) => ApiVersion | undefined;
  /** Majors that answer (every state but `retired`). */
  readonly supported: readonly number[];
  readonly deprecated: readonly number[];
};

/** Builds the registry, with states overridden by configuration, and refuses a lifecycle that breaks the rules. */
export function createVersionRegistry(
  versions: readonly ApiVersion[],
  stateOverrides: Readonly<Record<number, VersionState>> = {},
): VersionRegistry {
  const effective = versions.map((version) => ({ ...version, state: stateOverrides[version.major] ?? version.state }));
  const unknown = Object.keys(stateOverrides).filter((major) => !versions.some((v) => v.major === Number(major)));
  const problems = [
    ...unknown.map((major) => `version ${major} is not in the registry`),
    ...lifecycleProblems(effective),
  ];
  if (problems.length > 0) throw new VersionRegistryError(`Invalid API version lifecycle: ${problems.join("; ")}`);
  const inState = (state: VersionState) => effective.filter((v) => v.state === state).map((v) => v.major);
  return {
    versions: effective,
    defaultMajor: inState("current")[0] ?? 0,
    find: (major) => effective.find((v) => v.major === major),
    supported: effective.filter((v) => v.state !== "retired").map((v) => v.major),
    deprecated: inState("deprecated"),
  };
}

function lifecycleProblems(versions: readonly ApiVersion[]): string[] {
  const count = (state: VersionState) => versions.filter((v) => v.state === state).length;
  const problems: string[] = [];
  if (count("current") !== 1) problems.push(`exactly one version must be current, found ${count("current")}`);
  if (count("deprecated") > 1) problems.push(`at most one version may be deprecated, found ${count("deprecated")}`);
  if (count("preview") > 1) problems.push(`at most one version may be in preview, found ${count("preview")}`);
  for (const version of versions) problems.push(...versionProblems(version, versions));
  return problems;
}

function versionProblems(version: ApiVersion, all: readonly ApiVersion[]): string[] {
  if (version.state !== "deprecated" && version.state !== "retired") return [];
  const problems: string[] = [];
  const name = `version ${version.major}`;
  if (!all.some((v) => v.major === version.successor && v.state !== "retired")) {
    problems.push(`${name} is ${version.state} but names no served successor`);
  }
  const deprecatedAt = Date.parse(version.deprecatedAt ?? "");
  const sunsetAt = Date.parse(version.sunsetAt ?? "");
  if (version.state === "deprecated" && (Number.isNaN(deprecatedAt) || Number.isNaN(sunsetAt))) {
    problems.push(`${name} is deprecated but lacks a valid deprecatedAt and sunsetAt`);
  } else if (sunsetAt < deprecatedAt) {
    problems.push(`${name} has its sunset before its deprecation`);
  }
  return problems;
}

/** Reads overrides such as `1:retired,2:current` (the service's API_VERSION_STATES). */
export function parseVersionStates(text: string): Record<number, VersionState> {
  const states: Record<number, VersionState> = {};
  for (const entry of text.split(",").filter((part) => part.trim() !== "")) {
    const match = /^\s*(\d+)\s*:\s*(preview|current|deprecated|retired)\s*$/.exec(entry);
    if (!match) throw new VersionRegistryError(`"${entry}" is not <major>:<preview|current|deprecated|retired>`);
    states[Number(match[1])] = match[2] as VersionState;
  }
  return states;
}
