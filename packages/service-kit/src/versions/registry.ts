/**
 * The single source of truth for the lifecycle of each major version. At most two are in production
 * (one `current` and one `deprecated`) plus at most one `preview`; `retired` ones answer 410. A deprecated
 * major also ends on the calendar: it answers 410 inside its brownouts and for good from its sunset.
 * `withdrawn` is a rollback: a major taken back (a preview, or one promoted too early) answers 410 naming
 * the current one, and needs no successor.
 */
export type VersionState = "preview" | "current" | "deprecated" | "retired" | "withdrawn";

/** A window (ISO 8601 instants, `from` included, `until` excluded) in which a deprecated major answers 410. */
export type Brownout = Readonly<{ from: string; until: string }>;

export type ApiVersion = {
  readonly major: number;
  /**
   * Moves by one with every change to the major's published document, each with its changelog entry; 0
   * (unless set) is the document as first published. The document's `info.version` is `<major>.<minor>`.
   */
  readonly minor?: number;
  readonly state: VersionState;
  /** When the version was (or will be) deprecated: the `Deprecation` header (RFC 9745). */
  readonly deprecatedAt?: string;
  /** When it stops being served (410 from then on): the `Sunset` header (RFC 8594). */
  readonly sunsetAt?: string;
  /** Short outages before the sunset, so the last callers notice while the major can still be served. */
  readonly brownouts?: readonly Brownout[];
  /** The major that replaces it: `Link: <...>; rel="successor-version"`. */
  readonly successor?: number;
};

/** What a major does at one instant: answers, answers 410 for a brownout, or answers 410 for good. */
export type VersionPhase =
  | Readonly<{ kind: "served" }>
  | Readonly<{ kind: "brownout"; until: string }>
  | Readonly<{ kind: "retired" }>
  | Readonly<{ kind: "withdrawn" }>;

export class VersionRegistryError extends Error {}

export type VersionRegistry = {
  readonly versions: readonly ApiVersion[];
  /** The `current` major: what an unversioned request without `Accept-Version` gets. */
  readonly defaultMajor: number;
  readonly find: (major: number) => ApiVersion | undefined;
  /** Majors that answer by their state (neither `retired` nor `withdrawn`), whatever the date. */
  readonly supported: readonly number[];
  readonly deprecated: readonly number[];
  /** What a major does at `now`: a deprecated one is browned out in its windows and retired from its sunset. */
  readonly phaseAt: (version: ApiVersion, now: Date) => VersionPhase;
  /** The majors that answer at `now`: `supported` less those past their sunset. */
  readonly supportedAt: (now: Date) => readonly number[];
};

export type VersionRegistryOptions = Readonly<{
  /** States by major, overriding the declared ones (API_VERSION_STATES). */
  states?: Readonly<Record<number, VersionState>>;
  /** Brownouts by major, replacing the declared ones (API_BROWNOUTS); an empty list removes them. */
  brownouts?: Readonly<Record<number, readonly Brownout[]>>;
  /** The shortest time from deprecation to sunset a major may be announced with (API_MIN_DEPRECATION_DAYS). */
  minDeprecationDays?: number;
}>;

/** What a published document's `info.version` says: `1.3` is version 1 after three changes within it. */
export type ContractVersion = `${number}.${number}`;

const DAY_MS = 24 * 60 * 60 * 1000;
const SERVED: VersionPhase = { kind: "served" };
const RETIRED: VersionPhase = { kind: "retired" };
const WITHDRAWN: VersionPhase = { kind: "withdrawn" };

/** Builds the registry, with the declared lifecycle overridden by configuration, and refuses one that breaks the rules. */
export function createVersionRegistry(
  versions: readonly ApiVersion[],
  options: VersionRegistryOptions = {},
): VersionRegistry {
  const { states = {}, brownouts = {}, minDeprecationDays = 0 } = options;
  const effective = versions.map((version) => {
    const overridden = { ...version, state: states[version.major] ?? version.state };
    const windows = brownouts[version.major];
    return windows === undefined ? overridden : { ...overridden, brownouts: windows };
  });
  const unknown = [...Object.keys(states), ...Object.keys(brownouts)].filter(
    (major) => !versions.some((v) => v.major === Number(major)),
  );
  const problems = [
    ...[...new Set(unknown)].map((major) => `version ${major} is not in the registry`),
    ...lifecycleProblems(effective, minDeprecationDays),
  ];
  if (problems.length > 0) throw new VersionRegistryError(`Invalid API version lifecycle: ${problems.join("; ")}`);
  const inState = (state: VersionState) => effective.filter((v) => v.state === state).map((v) => v.major);
  const supported = effective.filter((v) => v.state !== "retired" && v.state !== "withdrawn");
  return {
    versions: effective,
    defaultMajor: inState("current")[0] ?? 0,
    find: (major) => effective.find((v) => v.major === major),
    supported: supported.map((v) => v.major),
    deprecated: inState("deprecated"),
    phaseAt,
    supportedAt: (now) => supported.filter((v) => phaseAt(v, now).kind !== "retired").map((v) => v.major),
  };
}

/** The version a major's document carries: `<major>.<minor>`. */
export function contractVersionOf(version: Pick<ApiVersion, "major" | "minor">): ContractVersion {
  return `${version.major}.${version.minor ?? 0}`;
}

/** Reads `<major>.<minor>`; anything else (a bare major, a patch) is not a contract version. */
export function parseContractVersion(text: string): Readonly<{ major: number; minor: number }> | undefined {
  const match = /^(\d+)\.(\d+)$/.exec(text);
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : undefined;
}

function phaseAt(version: ApiVersion, now: Date): VersionPhase {
  if (version.state === "retired") return RETIRED;
  if (version.state === "withdrawn") return WITHDRAWN;
  if (version.state !== "deprecated") return SERVED;
  const at = now.getTime();
  if (version.sunsetAt !== undefined && at >= Date.parse(version.sunsetAt)) return RETIRED;
  const brownout = version.brownouts?.find((w) => at >= Date.parse(w.from) && at < Date.parse(w.until));
  return brownout ? { kind: "brownout", until: brownout.until } : SERVED;
}

function lifecycleProblems(versions: readonly ApiVersion[], minDeprecationDays: number): string[] {
  const count = (state: VersionState) => versions.filter((v) => v.state === state).length;
  const problems: string[] = [];
  if (count("current") !== 1) problems.push(`exactly one version must be current, found ${count("current")}`);
  if (count("deprecated") > 1) problems.push(`at most one version may be deprecated, found ${count("deprecated")}`);
  if (count("preview") > 1) problems.push(`at most one version may be in preview, found ${count("preview")}`);
  for (const version of versions) {
    if (version.minor !== undefined && !(Number.isInteger(version.minor) && version.minor >= 0))
      problems.push(`version ${version.major} has the minor ${version.minor}; a minor is a whole number from 0`);
    problems.push(...versionProblems(version, versions, minDeprecationDays));
  }
  return problems;
}

function versionProblems(version: ApiVersion, all: readonly ApiVersion[], minDeprecationDays: number): string[] {
  if (version.state !== "deprecated" && version.state !== "retired") return [];
  const problems: string[] = [];
  const name = `version ${version.major}`;
  if (!all.some((v) => v.major === version.successor && v.state !== "retired" && v.state !== "withdrawn")) {
    problems.push(`${name} is ${version.state} but names no served successor`);
  }
  const deprecatedAt = Date.parse(version.deprecatedAt ?? "");
  const sunsetAt = Date.parse(version.sunsetAt ?? "");
  if (version.state === "deprecated" && (Number.isNaN(deprecatedAt) || Number.isNaN(sunsetAt))) {
    problems.push(`${name} is deprecated but lacks a valid deprecatedAt and sunsetAt`);
    return problems;
  }
  if (sunsetAt < deprecatedAt) problems.push(`${name} has its sunset before its deprecation`);
  else if (version.state === "deprecated" && sunsetAt - deprecatedAt < minDeprecationDays * DAY_MS) {
    const days = Math.floor((sunsetAt - deprecatedAt) / DAY_MS);
    problems.push(
      `${name} is announced with its sunset ${days} days after its deprecation; the minimum lifetime is ${minDeprecationDays} days (API_MIN_DEPRECATION_DAYS)`,
    );
  }
  if (version.state === "deprecated")
    problems.push(...brownoutProblems(name, version.brownouts ?? [], deprecatedAt, sunsetAt));
  return problems;
}

/** A brownout is a warning before the sunset: inside the deprecation, after it starts and before it ends. */
function brownoutProblems(
  name: string,
  brownouts: readonly Brownout[],
  deprecatedAt: number,
  sunsetAt: number,
): string[] {
  return brownouts.flatMap(({ from, until }) => {
    const start = Date.parse(from);
    const end = Date.parse(until);
    const window = `${name}'s brownout ${from}/${until}`;
    if (Number.isNaN(start) || Number.isNaN(end)) return [`${window} is not a pair of ISO 8601 instants`];
    if (end <= start) return [`${window} ends before it starts`];
    if (start < deprecatedAt || end > sunsetAt) return [`${window} is not between its deprecation and its sunset`];
    return [];
  });
}

/** Reads overrides such as `1:retired,2:current` (the service's API_VERSION_STATES). */
export function parseVersionStates(text: string): Record<number, VersionState> {
  const states: Record<number, VersionState> = {};
  for (const entry of entriesOf(text)) {
    const match = /^\s*(\d+)\s*:\s*(preview|current|deprecated|retired|withdrawn)\s*$/.exec(entry);
    if (!match) {
      throw new VersionRegistryError(`"${entry}" is not <major>:<preview|current|deprecated|retired|withdrawn>`);
    }
    states[Number(match[1])] = match[2] as VersionState;
  }
  return states;
}

/**
 * Reads brownouts such as `1:2027-02-02T14:00:00Z/2027-02-02T15:00:00Z,1:...` (API_BROWNOUTS); `1:none`
 * removes the declared ones, so a deployment can call off a brownout without a release.
 */
export function parseBrownouts(text: string): Record<number, Brownout[]> {
  const brownouts: Record<number, Brownout[]> = {};
  for (const entry of entriesOf(text)) {
    const match = /^\s*(\d+)\s*:\s*(?:(none)|([^/\s]+)\/([^/\s]+))\s*$/.exec(entry);
    if (!match) throw new VersionRegistryError(`"${entry}" is not <major>:<from>/<until> or <major>:none`);
    const major = Number(match[1]);
    const windows = brownouts[major] ?? [];
    if (match[2] === undefined) windows.push({ from: match[3] as string, until: match[4] as string });
    brownouts[major] = windows;
  }
  return brownouts;
}

function entriesOf(text: string): string[] {
  return text.split(",").filter((part) => part.trim() !== "");
}
