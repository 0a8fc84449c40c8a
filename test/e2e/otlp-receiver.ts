import { createServer } from "node:http";

/** A span as an OTLP/HTTP JSON export carries it, with the service that sent it. */
export type ReceivedSpan = Readonly<{
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  attributes: Readonly<Record<string, unknown>>;
  /** Milliseconds since the epoch, sub-millisecond precise (the SDK starts a span on a millisecond clock). */
  startMs: number;
  endMs: number;
}>;

type OtlpValue = { stringValue?: string; intValue?: string | number; boolValue?: boolean };
type OtlpAttribute = { key: string; value: OtlpValue };
type OtlpExport = {
  resourceSpans?: {
    resource?: { attributes?: OtlpAttribute[] };
    scopeSpans?: {
      spans?: {
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        name: string;
        attributes?: OtlpAttribute[];
        startTimeUnixNano: string;
        endTimeUnixNano: string;
      }[];
    }[];
  }[];
};

/**
 * A stand-in for an OpenTelemetry Collector: accepts OTLP/HTTP JSON on `/v1/traces` and keeps the spans,
 * so a test can follow one trace across processes (and the benchmark time a coordinated PUT's steps).
 * Loopback only; closed with the test.
 */
export async function startOtlpReceiver() {
  const spans: ReceivedSpan[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on("end", () => {
      if (req.url === "/v1/traces") spans.push(...spansOf(JSON.parse(body) as OtlpExport));
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    [Symbol.asyncDispose]: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function spansOf(exported: OtlpExport): ReceivedSpan[] {
  return (exported.resourceSpans ?? []).flatMap((resource) => {
    const service = String(attributeOf(resource.resource?.attributes, "service.name") ?? "");
    return (resource.scopeSpans ?? []).flatMap((scope) =>
      (scope.spans ?? []).map((span) => ({
        service,
        traceId: span.traceId,
        spanId: span.spanId,
        parentSpanId: span.parentSpanId ?? "",
        name: span.name,
        attributes: Object.fromEntries((span.attributes ?? []).map((a) => [a.key, plain(a.value)])),
        startMs: millisecondsOf(span.startTimeUnixNano),
        endMs: millisecondsOf(span.endTimeUnixNano),
      })),
    );
  });
}

function attributeOf(attributes: OtlpAttribute[] | undefined, key: string): unknown {
  const found = attributes?.find((attribute) => attribute.key === key);
  return found ? plain(found.value) : undefined;
}

function millisecondsOf(unixNano: string): number {
  return Number(BigInt(unixNano) / 1_000n) / 1_000;
}

function plain(value: OtlpValue): unknown {
  return value.stringValue ?? value.intValue ?? value.boolValue;
}
