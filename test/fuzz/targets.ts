import type { ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { serviceMain, startServiceProcess } from "../e2e/delivery-process.ts";

/** One document the fuzzer runs against: a service's committed `openapi/v<major>.json`. */
export type Target = Readonly<{ service: string; major: number; name: string }>;

/**
 * What a service needs to run besides a database and the issuer's settings; a service not listed needs
 * nothing more (a generated one). `sides`: the services it sends to, by the variable that holds their
 * URL, each started for it with a database of its own.
 */
type ServiceNeeds = Readonly<{ env?: Readonly<Record<string, string>>; sides?: Readonly<Record<string, string>> }>;

/** The client the gateway asks the issuer for a token of its own (its periodic comparison reads both sides). */
export const GATEWAY_CLIENT = { id: "gateway", secret: "fuzz-gateway-secret" } as const;

const NEEDS: Readonly<Record<string, ServiceNeeds>> = {
  // The dispatch's stand-in for slow work (2 s by default) would make every `Prefer: wait` case wait it out.
  delivery: { env: { DISPATCH_DURATION_MS: "50" } },
  gateway: {
    sides: { LEGACY_URL: "delivery-legacy", DELIVERY_URL: "delivery" },
    env: { AUTH_CLIENT_ID: GATEWAY_CLIENT.id, AUTH_CLIENT_SECRET: GATEWAY_CLIENT.secret },
  },
};

/**
 * Every committed document of every service (`services/<service>/openapi/v<major>.json`): the published
 * contracts, so a service added by the generator is fuzzed without being named here, and one removed
 * (tools/remove-migration-example) is not looked for.
 */
export function discoverTargets(servicesDir: string): Target[] {
  const targets: Target[] = [];
  for (const service of readdirSync(servicesDir).sort()) {
    const documents = join(servicesDir, service, "openapi");
    if (!existsSync(documents)) continue;
    for (const file of readdirSync(documents)) {
      const major = /^v(\d+)\.json$/.exec(file)?.[1];
      if (major) targets.push({ service, major: Number(major), name: `${service}/v${major}` });
    }
  }
  return targets.sort((a, b) => a.service.localeCompare(b.service) || a.major - b.major);
}

/** `--only` values: a service (`delivery`) or one of its documents (`delivery/v2`); none: every target. */
export function selectTargets(targets: readonly Target[], only: readonly string[]): Target[] {
  if (only.length === 0) return [...targets];
  const unknown = only.filter((wanted) => !targets.some((t) => t.service === wanted || t.name === wanted));
  if (unknown.length > 0) {
    const known = targets.map((target) => target.name).join(", ");
    throw new Error(`--only ${unknown.join(", ")}: no such service or document (there are ${known})`);
  }
  return targets.filter((target) => only.includes(target.service) || only.includes(target.name));
}

/** The built entry points a target runs: its service's and those of the services it sends to. */
export function entryPointsOf(target: Target): string[] {
  return [target.service, ...Object.values(NEEDS[target.service]?.sides ?? {})].map(serviceMain);
}

/**
 * Starts a target's service (and first the services it sends to), built and as in production, on free
 * loopback ports, each with a database of its own (`databasePrefix`, and the side's name after it for a
 * service it sends to) and its log in `logDir`; answers the target's URL. Every process is pushed to
 * `running` as soon as it exists, and every database name to `databases` before it is used, so whoever
 * stops the run stops and drops them too, even when a later start fails.
 */
export async function startTarget(
  target: Target,
  options: Readonly<{
    mongoUri: string;
    databasePrefix: string;
    authEnv: Readonly<Record<string, string>>;
    logDir: string;
    running: ChildProcess[];
    databases: string[];
  }>,
): Promise<{ url: string }> {
  const { databases } = options;
  const start = async (service: string, env: Readonly<Record<string, string>>) => {
    // Database names keep to letters, digits and `_` (what every MongoDB-compatible server accepts).
    const database = (
      service === target.service ? options.databasePrefix : `${options.databasePrefix}_${service}`
    ).replaceAll("-", "_");
    databases.push(database);
    const { child, url } = await startServiceProcess(service, {
      MONGODB_URI: options.mongoUri,
      MONGODB_DB: database,
      ...options.authEnv,
      ...NEEDS[service]?.env,
      ...env,
    });
    options.running.push(child);
    child.stdout?.pipe(createWriteStream(join(options.logDir, `${service}.log`)));
    child.stderr?.pipe(createWriteStream(join(options.logDir, `${service}.stderr.log`)));
    return url;
  };
  const sideUrls: Record<string, string> = {};
  for (const [variable, side] of Object.entries(NEEDS[target.service]?.sides ?? {})) {
    sideUrls[variable] = await start(side, {});
  }
  return { url: await start(target.service, sideUrls) };
}
