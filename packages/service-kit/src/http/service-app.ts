import Koa from "koa";
import type { ApiUsageRecorder, ClientPins } from "../api-usage/index.ts";
import type { BearerAuthenticationOptions } from "../auth/index.ts";
import type { BuildInfo } from "../config/index.ts";
import type { Logger } from "../logging/index.ts";
import { createHttpMetrics, createMetricsRegistry, type Registry } from "../metrics/index.ts";
import { tracingEnabled } from "../tracing/index.ts";
import type { VersionRegistry } from "../versions/index.ts";
import { apiUsageRoutes } from "./api-usage-routes.ts";
import { apiVersioning } from "./api-versioning.ts";
import type { AppState } from "./app-context.ts";
import { bearerAuthentication } from "./bearer-authentication.ts";
import { type ErrorHandlerOptions, errorHandler } from "./error-handler.ts";
import type { ErrorMap } from "./error-map.ts";
import { healthRoutes } from "./health.ts";
import { jsonBody } from "./json-body.ts";
import { docsPageRoutes } from "./openapi/docs-page.ts";
import { documentRoutes } from "./openapi/document-routes.ts";
import type { ApiInfo } from "./openapi/openapi-document.ts";
import { type RateLimitOptions, rateLimit } from "./rate-limit.ts";
import { requestContext } from "./request-context.ts";
import { requestDeadline } from "./request-deadline.ts";
import { metricsRoutes, requestMetrics } from "./request-metrics.ts";
import { requestTracing } from "./request-tracing.ts";
import type { Route } from "./routes/route.ts";
import { routeRouter } from "./routes/route-router.ts";
import { unreadBody } from "./unread-body.ts";

export type ServiceAppOptions = Readonly<{
  logger: Logger;
  /** The service's table: `commonErrorMap` plus its own codes. */
  errorMap: ErrorMap;
  /** Recognises "a dependency cannot be reached now" errors, answered 503 + Retry-After. */
  isUnavailable: (error: unknown) => boolean;
  /** Backs /readyz: whether every dependency answers now. */
  ready: () => Promise<boolean>;
  /** Which build this is, named by `/livez` (a declared service's SERVICE_VERSION and SERVICE_COMMIT). */
  build?: BuildInfo | undefined;
  /**
   * `requestDeadlineMs` (REQUEST_DEADLINE_MS): each request's deadline, shortened by the caller's
   * `X-Request-Timeout-Ms`; none: the app sets no deadline (the gateway bounds its requests itself).
   */
  limits: Readonly<{ bodyLimitBytes: number; jsonMaxDepth: number; requestDeadlineMs?: number | undefined }>;
  routes: readonly Route[];
  /**
   * Where the service's metrics live, served at `/metrics` with the kit's HTTP series. A declared service makes
   * it (with Node's runtime metrics); without one, the app makes its own; `false`: no metrics at all.
   */
  metrics?: Registry | false;
  /** Bearer-token authentication (`authenticationOf(config, name)`); none: every request is served. */
  auth?: BearerAuthenticationOptions | undefined;
  /** Each client's writes limited (a declared service makes it from RATE_LIMIT_*); none: no limit. */
  rateLimit?: RateLimitOptions | undefined;
  /** A versioned API: lifecycle headers per major, `/v<major>/openapi.json` and `/docs`. */
  api?: Readonly<{
    title: string;
    versions: VersionRegistry;
    /** Servers, contact and license of the documents (`apiInfoOf(config)`). */
    info: ApiInfo;
    /** Scopes checked beyond those the routes require (an administrative one), with what each allows: documented. */
    moreScopes?: Readonly<Record<string, string>>;
    /** Prefixes of the service's own paths that belong to no API version (besides health and docs). */
    versionNeutralPaths?: readonly string[];
    /** The calendar the lifecycle is read on (brownouts, sunsets); the system clock unless a test sets one. */
    clock?: () => Date;
    /** Who calls the non-current majors: each call recorded, reported at `/api-usage`. */
    usage?: ApiUsageRecorder | undefined;
    /** Unversioned clients answered in the major they first used (API_PIN_UNVERSIONED); none: in the current one. */
    pins?: ClientPins | undefined;
  }>;
  /**
   * For tests: a route answering a success or redirect status (1xx-3xx) its declaration's `responses` do
   * not list answers a 500 and logs an error naming the operationId and the status, so an answer the
   * document does not show fails a test instead of surprising a client. Default false.
   */
  refuseUndocumentedStatuses?: boolean;
}>;

/** Paths that belong to no API version. */
const VERSION_NEUTRAL = /^\/(livez|readyz|metrics|docs|api-usage)(\/|$)/;
const RETRY_AFTER_SECONDS = 5;
const systemClock = () => new Date();

/** The error handler's settings for this app, for middleware that must render an error itself. */
export function errorOptionsOf(options: Pick<ServiceAppOptions, "errorMap" | "isUnavailable">): ErrorHandlerOptions {
  return { errorMap: options.errorMap, isUnavailable: options.isUnavailable, retryAfterSeconds: RETRY_AFTER_SECONDS };
}

/**
 * Builds a service's Koa app from the kit's middleware and its route declarations; never listens, never
 * reads the environment. Order matters: the request id and logger first, then what keeps a connection
 * usable after an answer given before its body was read, the one error handler, the deadline, then the
 * version, the guarded body, and one router for every route.
 */
export function createServiceApp(options: ServiceAppOptions): Koa<AppState> {
  const app = new Koa<AppState>();
  const metrics = options.metrics ?? createMetricsRegistry({ runtime: false });
  const routes = appRoutes({ ...options, metrics });
  // The span first, so the request's log lines carry its trace id.
  if (tracingEnabled()) app.use(requestTracing());
  app.use(requestContext(options.logger));
  if (metrics) app.use(requestMetrics(createHttpMetrics(metrics), options.api?.versions));
  app.use(unreadBody());
  app.use(errorHandler(errorOptionsOf(options)));
  // Inside the error handler (its 503 is rendered there), before anything that may wait.
  if (options.limits.requestDeadlineMs !== undefined) app.use(requestDeadline(options.limits.requestDeadlineMs));
  // Before the version and the body: an unauthenticated request is refused before anything is read.
  if (options.auth) app.use(bearerAuthentication(options.auth));
  // After authentication (the count is the token's client's), before the body is read.
  if (options.rateLimit) app.use(rateLimit(options.rateLimit));
  if (options.api) {
    const neutral = options.api.versionNeutralPaths ?? [];
    const versionNeutral = (path: string) =>
      VERSION_NEUTRAL.test(path) || neutral.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
    app.use(
      apiVersioning({
        registry: options.api.versions,
        versionNeutral,
        clock: options.api.clock ?? systemClock,
        recordUse: options.api.usage?.record,
        pins: options.api.pins,
      }),
    );
  }
  app.use(jsonBody({ limitBytes: options.limits.bodyLimitBytes, maxDepth: options.limits.jsonMaxDepth }));
  assertErrorsMapped(routes, options.errorMap);
  const router = routeRouter(routes, { refuseUndocumentedStatuses: options.refuseUndocumentedStatuses ?? false });
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}

/** Every route the app serves: health, metrics, the service's own, and its documents and docs page. */
export function appRoutes(options: ServiceAppOptions): Route[] {
  const basics = [
    ...healthRoutes({ ready: options.ready, build: options.build }),
    ...(options.metrics ? metricsRoutes(options.metrics) : []),
  ];
  const own = [...basics, ...options.routes];
  if (!options.api) return own;
  const requestDeadline = options.limits.requestDeadlineMs !== undefined;
  const documents = documentRoutes({ ...options.api, errorMap: options.errorMap, requestDeadline }, options.routes);
  const usage = options.api.usage ? apiUsageRoutes(options.api.usage) : [];
  return [...own, ...usage, ...documents, ...docsPageRoutes(options.api)];
}

/**
 * A route that declares a code its service's map lacks would answer it as a 500 and break its document:
 * refused at start, naming both. (A service typed with `ErrorMap<...>` catches it at compile time already.)
 */
function assertErrorsMapped(routes: readonly Route[], errorMap: ErrorMap): void {
  for (const route of routes) {
    const unmapped = (route.errors ?? []).filter((code) => !Object.hasOwn(errorMap, code));
    if (unmapped.length > 0)
      throw new Error(`${route.operationId} declares ${unmapped.join(", ")}, which the error map lacks`);
  }
}
