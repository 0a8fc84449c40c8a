import type { Middleware } from "koa";
import type { ClientPins } from "../api-usage/index.ts";
import {
  UnsupportedVersionError,
  VersionBrownoutError,
  VersionRetiredError,
  VersionWithdrawnError,
} from "../errors/index.ts";
import type { ApiVersion, VersionRegistry } from "../versions/index.ts";
import type { AppContext, AppState } from "./app-context.ts";

export type ApiVersioningOptions = {
  readonly registry: VersionRegistry;
  /** Paths that belong to no version (health, docs): served as they are. */
  readonly versionNeutral: (path: string) => boolean;
  /** The calendar a deprecated major's brownouts and sunset are read on. */
  readonly clock: () => Date;
  /** Told every call of a major that is not the current one, with its client: who still calls it. */
  readonly recordUse?: ((client: string, major: number) => void) | undefined;
  /** Where an authenticated client without a major in its request is answered in the one it first used. */
  readonly pins?: ClientPins | undefined;
};

/** The client of a request without a token (authentication off), in the usage record. */
const NO_TOKEN_CLIENT = "(no token)";

const VERSIONED_PATH = /^\/v(\d+)(?=\/|$)/;
const DOCUMENT_PATH = "/openapi.json";
const ACCEPT_VERSION = /^\s*v?(\d+)\s*$/;

/**
 * Picks the API major of a request: the one in the URL (`/v1/...`), else `Accept-Version`, else the one
 * its client first used (with `pins`; a promotion does not move it), else the registry's current one;
 * unversioned paths are then routed as `/v<major>/...`. Every response names the
 * major that served it and the majors served today; a deprecated major's responses carry Deprecation
 * (RFC 9745), Sunset (RFC 8594) and a successor-version link. A retired major answers 410, and so does a
 * deprecated one inside a brownout and from its sunset on: the calendar ends it without a deployment.
 */
export function apiVersioning(options: ApiVersioningOptions): Middleware<AppState> {
  const { registry, clock } = options;
  return async (ctx, next) => {
    if (options.versionNeutral(ctx.path)) return next();
    const now = clock();
    const supported = registry.supportedAt(now);
    ctx.set("api-supported-versions", supported.join(", "));
    if (registry.deprecated.length > 0) ctx.set("api-deprecated-versions", registry.deprecated.join(", "));
    const major = await selectMajor(ctx, options, supported);
    const version = registry.find(major);
    if (!version) throw new UnsupportedVersionError(String(major), supported);
    ctx.state.apiMajor = major;
    // Calls answered 410 count too: a brownout is there to find who still calls. Reading a major's document
    // (tools, generators, the docs page) is not calling it.
    if (major !== registry.defaultMajor && !ctx.path.endsWith(DOCUMENT_PATH)) {
      options.recordUse?.(ctx.state.principal?.clientId ?? NO_TOKEN_CLIENT, major);
    }
    const phase = registry.phaseAt(version, now);
    if (phase.kind === "retired") throw new VersionRetiredError(major, version.successor, version.sunsetAt);
    if (phase.kind === "withdrawn") throw new VersionWithdrawnError(major, registry.defaultMajor);
    ctx.set("api-version", String(major));
    if (version.state === "preview") ctx.set("api-version-state", "preview");
    if (version.state === "deprecated") setDeprecationHeaders(ctx, version);
    if (phase.kind === "brownout") {
      const window = { until: phase.until, sunsetAt: version.sunsetAt ?? "", successor: version.successor };
      throw new VersionBrownoutError(major, window);
    }
    await next();
  };
}

/**
 * The path's major wins; an Accept-Version sent with it must be well-formed and agree (a client that asks
 * for one major on another's path has a bug worth a 400, not a silent answer in the other major).
 */
async function selectMajor(ctx: AppContext, options: ApiVersioningOptions, supported: readonly number[]) {
  const { pins } = options;
  const client = ctx.state.principal?.clientId;
  const header = ctx.get("Accept-Version");
  const requested = header === "" ? undefined : Number(ACCEPT_VERSION.exec(header)?.[1] ?? Number.NaN);
  if (Number.isNaN(requested)) throw new UnsupportedVersionError(JSON.stringify(header), supported);
  const inPath = VERSIONED_PATH.exec(ctx.path);
  if (inPath) {
    const major = Number(inPath[1]);
    if (requested !== undefined && requested !== major) {
      throw new UnsupportedVersionError(`${requested} on a path of version ${major}`, supported);
    }
    if (client !== undefined && pinnable(options.registry, major)) await pins?.noteUse(client, major);
    return major;
  }
  ctx.vary("Accept-Version");
  // A pinned answer depends on who asks.
  if (client !== undefined && pins) ctx.vary("Authorization");
  const major = await unversionedMajor(requested, client, options);
  ctx.path = `/v${major}${ctx.path}`;
  return major;
}

async function unversionedMajor(
  requested: number | undefined,
  client: string | undefined,
  options: ApiVersioningOptions,
) {
  const { registry, pins } = options;
  if (client === undefined || !pins) return requested ?? registry.defaultMajor;
  if (requested === undefined) {
    const pinned = await pins.pinnedMajor(client, registry.defaultMajor);
    // A pin to a major since withdrawn (a promotion rolled back) falls back to the current one.
    return pinnable(registry, pinned) ? pinned : registry.defaultMajor;
  }
  if (pinnable(registry, requested)) await pins.noteUse(client, requested);
  return requested;
}

/** Trying a preview pins nobody to it; nor can anyone stay pinned to a withdrawn major. */
function pinnable(registry: VersionRegistry, major: number): boolean {
  const state = registry.find(major)?.state;
  return state !== undefined && state !== "preview" && state !== "withdrawn";
}

function setDeprecationHeaders(ctx: AppContext, version: ApiVersion): void {
  if (version.deprecatedAt) ctx.set("Deprecation", `@${Math.floor(Date.parse(version.deprecatedAt) / 1000)}`);
  if (version.sunsetAt) ctx.set("Sunset", new Date(version.sunsetAt).toUTCString());
  if (version.successor !== undefined) {
    const successorPath = ctx.path.replace(VERSIONED_PATH, `/v${version.successor}`);
    ctx.append("Link", `<${successorPath}>; rel="successor-version"`);
  }
}
