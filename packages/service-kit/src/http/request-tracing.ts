import { context, propagation, ROOT_CONTEXT, type Span, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import type { Middleware } from "koa";
import type { AppState } from "./app-context.ts";

/**
 * The server span of every request, a child of the caller's `traceparent` when it sent one, with the
 * OpenTelemetry HTTP attributes; named `METHOD /route/{template}` once the router knows the route. Everything
 * the request does (log lines, MongoDB commands, outgoing calls) runs inside it, recorded or not: a request
 * that is not sampled still tells the services it calls so, and they record none of it either. Added only
 * when tracing runs.
 */
export function requestTracing(): Middleware<AppState> {
  const tracer = trace.getTracer("@starter/service-kit");
  return async (ctx, next) => {
    const parent = propagation.extract(ROOT_CONTEXT, ctx.headers);
    const span = tracer.startSpan(ctx.method, { kind: SpanKind.SERVER }, parent);
    // Most requests are not sampled under load: what only a recorded span keeps is not built for them.
    const recording = span.isRecording();
    if (recording) span.setAttributes({ "http.request.method": ctx.method, "url.path": ctx.path });
    try {
      await context.with(trace.setSpan(parent, span), next);
    } finally {
      if (recording) finish(span, ctx.method, ctx.state.route, ctx.status);
      span.end();
    }
  };
}

function finish(span: Span, method: string, route: string | undefined, status: number): void {
  if (route) {
    span.updateName(`${method} ${route}`);
    span.setAttribute("http.route", route);
  }
  span.setAttribute("http.response.status_code", status);
  if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
}
