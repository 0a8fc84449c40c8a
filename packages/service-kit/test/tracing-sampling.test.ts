import { trace } from "@opentelemetry/api";
import { InMemorySpanExporter } from "@opentelemetry/sdk-trace";
import { http, startApp } from "@starter/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServiceApp } from "../src/http/service-app.ts";
import { startTracing, type Tracing } from "../src/tracing/index.ts";
import { maskedStatement } from "../src/tracing/masked-statement.ts";
import { testAppOptions } from "./app-options.ts";

// Tracing is process-wide, started once: this file records no trace that starts here (ratio 0).
const exporter = new InMemorySpanExporter();
let tracing: Tracing;
beforeAll(() => {
  tracing = startTracing({ serviceName: "sampled", exporter, sampleRatio: 0 });
});
afterAll(() => tracing.stop());

describe("tracing with a sample ratio (OTEL_TRACES_SAMPLER_ARG)", () => {
  it("When no trace starts here is sampled, then a request without a traceparent records nothing, and one whose caller sampled it is still followed", async () => {
    await using running = await startApp(createServiceApp(testAppOptions([])).callback());
    const traceId = "0af7651916cd43dd8448eb211c80319c";

    await http(`${running.url}/livez`);
    const unsampled = exporter.getFinishedSpans().length;
    await http(`${running.url}/livez`, { headers: { traceparent: `00-${traceId}-b7ad6b7169203331-01` } });

    expect(unsampled).toBe(0);
    expect(exporter.getFinishedSpans().map((span) => span.spanContext().traceId)).toEqual([traceId]);
  });

  it("When a trace is not recorded, then its MongoDB commands' statements are not serialised (their spans are dropped)", () => {
    const command = { find: "notes", filter: { _id: "n-1" } };

    const inUnsampledTrace = trace.getTracer("test").startActiveSpan("unsampled", (span) => {
      const text = maskedStatement(command);
      span.end();
      return text;
    });

    expect(inUnsampledTrace).toBe("");
    expect(maskedStatement(command)).toBe("");
  });
});
