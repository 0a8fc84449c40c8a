import type { Middleware } from "koa";
import type { Registry } from "prom-client";
import type { HttpMetrics } from "../metrics/index.ts";
import type { VersionRegistry } from "../versions/index.ts";
import type { AppState } from "./app-context.ts";
import { defineRoute, type Route } from "./routes/route.ts";

/** The methods of RFC 9110 and PATCH; anything else is counted as `_OTHER`, so a client cannot mint labels. */
const STANDARD_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"]);

/**
 * Measures every request, whoever answers it (a route, the 404, a 413 before the body): placed right after
 * the request context, outside the error handler, so the status counted is the one sent.
 */
export function requestMetrics(metrics: HttpMetrics, versions: VersionRegistry | undefined): Middleware<AppState> {
  return async (ctx, next) => {
    const started = performance.now();
    ctx.state.metrics = metrics;
    try {
      await next();
    } finally {
      const major = ctx.state.apiMajor as number | undefined;
      metrics.requestDuration.observe(
        {
          http_request_method: STANDARD_METHODS.has(ctx.method) ? ctx.method : "_OTHER",
          http_route: ctx.state.route ?? "",
          http_response_status_code: String(ctx.status),
          api_major: major === undefined ? "" : String(major),
        },
        (performance.now() - started) / 1_000,
      );
      if (major !== undefined) {
        const state = versions?.find(major)?.state ?? "";
        metrics.versionRequests.inc({ api_major: String(major), api_version_state: state });
      }
    }
  };
}

/**
 * `GET /metrics`: the registry in Prometheus' text format, on the service's own port. A separate port would
 * keep it off the public listener, but the platform's network policy or mesh does that here as for
 * `/livez` and `/readyz`, and one port is one less thing to configure, probe and secure.
 */
export function metricsRoutes(registry: Registry): Route[] {
  return [
    defineRoute({
      operationId: "getMetrics",
      method: "get",
      path: "/metrics",
      summary: "The service's metrics",
      description: "Prometheus text format: HTTP requests by route, API majors, and what the service adds.",
      responses: { "200": { description: "The metrics, as Prometheus text." } },
      handle: async (ctx) => {
        ctx.body = await registry.metrics();
        ctx.type = registry.contentType;
      },
    }),
  ];
}
