import { createRequire } from "node:module";
import { context, propagation, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { registerInstrumentations } from "@opentelemetry/instrumentation";
import { MongoDBInstrumentation } from "@opentelemetry/instrumentation-mongodb";
import { UndiciInstrumentation } from "@opentelemetry/instrumentation-undici";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BatchSpanProcessor,
  ParentBasedSampler,
  SimpleSpanProcessor,
  type SpanExporter,
  TraceIdRatioBasedSampler,
  TracerProvider,
} from "@opentelemetry/sdk-trace";
import type { BuildInfo } from "../config/index.ts";
import { maskedStatement } from "./masked-statement.ts";

/** Where spans go: the standard OTLP variables (`OTEL_EXPORTER_OTLP_ENDPOINT`, http/json), or a test's exporter. */
export type TracingOptions = Readonly<{
  serviceName: string;
  /** On the resource of every span: `service.version`, and the commit as `vcs.ref.head.revision`. */
  build?: BuildInfo | undefined;
  /** The collector's base URL (`/v1/traces` is added), or the traces URL itself. None: no tracing at all. */
  otlpEndpoint?: string | undefined;
  otlpTracesEndpoint?: string | undefined;
  /** How long spans wait to be sent in one batch (OTEL_BSP_SCHEDULE_DELAY). */
  batchDelayMs?: number | undefined;
  /**
   * The share of the traces that start here that are recorded (OTEL_TRACES_SAMPLER_ARG, default 1); a trace
   * the caller sampled is followed whatever it is, one it did not is not (parent-based, as the standard says).
   */
  sampleRatio?: number | undefined;
  /** Instead of OTLP, every span ended goes here at once: what a test reads. */
  exporter?: SpanExporter;
}>;

export type Tracing = Readonly<{ enabled: boolean; stop: () => Promise<void> }>;

let started = false;

/** Whether this process records spans: the app adds its server spans and the MongoDB client its command spans. */
export function tracingEnabled(): boolean {
  return started;
}

/**
 * Starts OpenTelemetry tracing for the process, once, before the app is built: the W3C `traceparent` of an
 * incoming request is honoured and sent on with every outgoing `fetch` (Node's undici), and every MongoDB
 * command made while handling something is a span, both through OpenTelemetry's maintained instrumentation
 * packages. With no exporter configured nothing is registered at all: the API stays a no-op, the kit adds
 * no server span and the driver is left as it is.
 */
export function startTracing(options: TracingOptions): Tracing {
  const exporter = options.exporter ?? otlpExporter(options);
  if (!exporter || started) return { enabled: started, stop: async () => {} };
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  const processor = options.exporter
    ? new SimpleSpanProcessor({ exporter })
    : new BatchSpanProcessor({ exporter, scheduledDelayMillis: options.batchDelayMs ?? 5_000 });
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ "service.name": options.serviceName, ...buildAttributes(options.build) }),
    spanProcessors: [processor],
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(options.sampleRatio ?? 1) }),
  });
  trace.setGlobalTracerProvider(provider);
  // Only calls made while handling something: the exporter's own requests and the driver's monitoring of
  // its servers never become spans.
  const unregister = registerInstrumentations({
    instrumentations: [new UndiciInstrumentation({ requireParentforSpans: true }), mongodbInstrumentation()],
  });
  started = true;
  return {
    enabled: true,
    stop: async () => {
      unregister();
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
      started = false;
    },
  };
}

/**
 * `service.version` is a stable resource attribute; the commit has no name under `service.*`, and
 * `vcs.ref.head.revision` (the VCS entity's, still in development in the conventions) is the one that names it.
 */
function buildAttributes(build: BuildInfo | undefined): Record<string, string> {
  return build ? { "service.version": build.version, "vcs.ref.head.revision": build.commit } : {};
}

let mongodb: MongoDBInstrumentation | undefined;

/**
 * The MongoDB instrumentation patches the driver's connection as the driver loads it (a `require` hook),
 * but a service has loaded the driver long before its configuration says whether to trace. Requiring that
 * file once more goes through the hook, which patches the loaded module in place. One instrumentation for
 * the process: the hook sees the file once, and a later start (tests) re-enables the same instrumentation,
 * which patches what it saw. The tracing tests check that commands become spans, so a driver that moves
 * the file fails them, not production quietly.
 */
function mongodbInstrumentation(): MongoDBInstrumentation {
  if (mongodb) return mongodb;
  mongodb = new MongoDBInstrumentation({ requireParentSpan: true, dbStatementSerializer: maskedStatement });
  createRequire(import.meta.url)("mongodb/lib/cmap/connection.js");
  return mongodb;
}

function otlpExporter(options: TracingOptions): SpanExporter | undefined {
  const url =
    options.otlpTracesEndpoint ??
    (options.otlpEndpoint === undefined ? undefined : `${options.otlpEndpoint.replace(/\/+$/, "")}/v1/traces`);
  // A collector that is down delays the last export at shutdown by this much, not by the default 10 s.
  return url === undefined ? undefined : new OTLPTraceExporter({ url, timeoutMillis: 5_000 });
}
