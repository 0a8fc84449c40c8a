import type { Db } from "mongodb";
import type { z } from "zod";
import { authenticationOf } from "../auth/index.ts";
import { buildInfoOf } from "../config/index.ts";
import {
  apiInfoOf,
  commonErrorMap,
  type ErrorMap,
  errorOptionsOf,
  errorResponder,
  type ServiceAppOptions,
} from "../http/index.ts";
import type { Logger } from "../logging/index.ts";
import { isDatabaseUnavailableError } from "../mongo/index.ts";
import type { DeclaredConfig } from "./service-config.ts";
import type { ServiceDeclaration } from "./service-declaration.ts";
import type { ServiceModule } from "./service-module.ts";
import type { Runtime } from "./start-runtime.ts";

const READINESS_PING_TIMEOUT_MS = 1_000;

/** The modules, then the app's options from them and the runtime: what every service would otherwise wire. */
export function build<Variables extends z.ZodRawShape>(
  declaration: ServiceDeclaration<Variables>,
  { config, logger, db, runtime }: { config: DeclaredConfig<Variables>; logger: Logger; db: Db; runtime: Runtime },
): { appOptions: ServiceAppOptions; modules: readonly ServiceModule[] } {
  // Filled once the modules are built: their middleware renders errors with the service's whole map.
  const errorMap: Record<string, ErrorMap[string]> = {};
  const respondToError = errorResponder(errorOptionsOf({ errorMap, isUnavailable: isDatabaseUnavailableError }));
  const modules = declaration.modules({
    service: declaration.name,
    config,
    db,
    logger,
    metrics: runtime.metrics,
    flags: runtime.flags,
    errorMap,
    respondToError,
  });
  Object.assign(errorMap, mergedErrors(modules));
  const checks = modules.flatMap((module) => (module.ready ? [module.ready] : []));
  const appOptions: ServiceAppOptions = {
    logger,
    metrics: runtime.metrics,
    errorMap,
    isUnavailable: isDatabaseUnavailableError,
    ready: async () =>
      (await runtime.mongo.ping(READINESS_PING_TIMEOUT_MS)) &&
      (await Promise.all(checks.map((check) => check()))).every(Boolean),
    build: buildInfoOf(config),
    auth: authenticationOf(config, declaration.name),
    rateLimit: runtime.rateLimit,
    limits: {
      bodyLimitBytes: config.BODY_LIMIT_BYTES,
      jsonMaxDepth: config.JSON_MAX_DEPTH,
      ...(declaration.requestDeadline !== false && { requestDeadlineMs: config.REQUEST_DEADLINE_MS }),
    },
    routes: modules.flatMap((module) => module.routes ?? []),
    api: {
      title: declaration.api.title,
      versions: config.apiVersions,
      usage: runtime.apiUsage,
      pins: runtime.pins,
      info: apiInfoOf(config),
      moreScopes: Object.assign({}, ...modules.map((module) => module.scopes ?? {})),
      ...(declaration.api.versionNeutralPaths && { versionNeutralPaths: declaration.api.versionNeutralPaths }),
    },
  };
  return { appOptions, modules };
}

/**
 * The common problems and every module's. A code two modules give different problems would answer one of
 * them wrongly: refused at start, naming it.
 */
function mergedErrors(modules: readonly ServiceModule[]): ErrorMap {
  const merged: Record<string, ErrorMap[string]> = { ...commonErrorMap };
  for (const module of modules) {
    for (const [code, problem] of Object.entries(module.errors ?? {})) {
      const known = merged[code];
      if (known && (known.status !== problem.status || known.title !== problem.title)) {
        throw new Error(`${code} has two problems: module ${module.name} says ${problem.status} "${problem.title}"`);
      }
      merged[code] = problem;
    }
  }
  return merged;
}
