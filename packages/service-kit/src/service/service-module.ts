import type { Db } from "mongodb";
import type { FeatureFlagClient } from "../flags/index.ts";
import type { AppContext, ErrorMap, Route } from "../http/index.ts";
import type { Started } from "../lifecycle/index.ts";
import type { Logger } from "../logging/index.ts";
import type { Registry } from "../metrics/index.ts";

/** What a module is built from: the service's configuration and the runtime the kit started for it. */
export type ModuleContext<Config> = Readonly<{
  /** The service's name (`defineService({ name })`). */
  service: string;
  config: Config;
  db: Db;
  logger: Logger;
  /** `false` when METRICS_ENABLED=false: then count nothing. */
  metrics: Registry | false;
  /** Feature flags (OpenFeature), from FEATURE_FLAGS_FILE; without it every flag answers its default. */
  flags: FeatureFlagClient;
  /** The service's whole error map (filled once every module is built: read it when a request comes). */
  errorMap: ErrorMap;
  /** The app's one error handler, for middleware that must render an error itself (to store the answer). */
  respondToError: (ctx: AppContext, error: unknown) => void;
}>;

/** Work a module runs beside the requests (a worker, a sweeper): started after the indexes, stopped in reverse. */
export type BackgroundTask = Readonly<{ name: string; start: () => Promise<Started<unknown>> }>;

/**
 * One part of a service: an aggregate, the long operations, ... Everything it brings is declared here, and
 * the kit wires it: indexes before anything listens, routes and their problems into the app and its
 * documents, background work into the lifecycle.
 */
export type ServiceModule = Readonly<{
  name: string;
  /** Creates the module's indexes (idempotent), before the first request. */
  indexes?: () => Promise<void>;
  routes?: readonly Route[];
  /** The problem of every error code its routes can answer (the kit adds the common ones). */
  errors?: ErrorMap;
  /** Scopes its code checks beyond those the routes require (an admin scope), with what each allows: documented. */
  scopes?: Readonly<Record<string, string>>;
  background?: readonly BackgroundTask[];
  /** Whether what it depends on beyond the service's database answers now (`/readyz`). */
  ready?: () => Promise<boolean>;
}>;
