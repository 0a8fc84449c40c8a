import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import type { Middleware } from "koa";
import type { AppState } from "./app-context.ts";

/**
 * The server span of every request, a child of the caller's `traceparent` when it sent one, with the
 * OpenTelemetry HTTP attributes; named `METHOD /route/{template}` once the router knows the route. Everything
 * the request does (log lines, MongoDB commands, outgoing calls) runs inside it. Added only when tracing runs.
 */
export function requestTracing(): Middleware<AppState> {
  const tracer = trace.getTracer("@starter/service-kit");
  return async (ctx, next) => {
    const parent = propagation.extract(ROOT_CONTEXT, ctx.headers);
    const span = tracer.startSpan(
      ctx.method,
      { kind: SpanKind.SERVER, attributes: { "http.request.method": ctx.method, "url.path": ctx.path } },
      parent,
    );
    try {
      await context.with(trace.setSpan(parent, span), next);
    } finally {
      if (ctx.state.route) {
        span.updateName(`${ctx.method} ${ctx.state.route}`);
        span.setAttribute("http.route", ctx.state.route);
      }
      span.setAttribute("http.response.status_code", ctx.status);
      if (ctx.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
  };
}
