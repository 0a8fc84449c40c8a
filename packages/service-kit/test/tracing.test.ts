import { createServer } from "node:http";
import { trace } from "@opentelemetry/api";
import { InMemorySpanExporter, type ReadableSpan } from "@opentelemetry/sdk-trace";
import { http, logLinesInto, startApp, uniqueId } from "@starter/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { commonErrorMap } from "../src/http/error-map.ts";
import { defineRoute } from "../src/http/routes/route.ts";
import { createServiceApp } from "../src/http/service-app.ts";
import { createLogger } from "../src/logging/index.ts";
import { connectMongo, type MongoConnection } from "../src/mongo/index.ts";
import { startTracing, type Tracing } from "../src/tracing/index.ts";
import { maskedStatement } from "../src/tracing/masked-statement.ts";

const exporter = new InMemorySpanExporter();
const logLines: Record<string, unknown>[] = [];
let tracing: Tracing;
let mongo: MongoConnection;
/** A downstream service: answers with the traceparent it was sent. */
const downstream = createServer((req, res) =>
  res.end(JSON.stringify({ traceparent: req.headers.traceparent ?? null })),
);
let downstreamUrl = "";

beforeAll(async () => {
  tracing = startTracing({ serviceName: "notes", exporter });
  mongo = await connectMongo({
    uri: inject("mongoUri"),
    dbName: inject("mongoDbName"),
    serverSelectionTimeoutMS: 5_000,
    appName: "tracing-test",
  });
  await new Promise<void>((resolve) => downstream.listen(0, "127.0.0.1", resolve));
  const address = downstream.address();
  downstreamUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});
afterAll(async () => {
  downstream.close();
  await mongo.stop();
  await tracing.stop();
});

const readNote = defineRoute({
  operationId: "getNote",
  method: "get",
  path: "/v1/notes/{id}",
  params: z.object({ id: z.string() }),
  summary: "Read a note",
  description: "Reads the database, calls a downstream service, logs a line.",
  responses: { "200": { description: "The note." } },
  handle: async (ctx, { params }) => {
    const note = await mongo.db.collection("tracing_notes").findOne({ _id: params.id as never });
    const called = (await (await fetch(downstreamUrl)).json()) as { traceparent: string | null };
    ctx.state.log.info("note read");
    ctx.body = { found: note !== null, downstreamTraceparent: called.traceparent };
  },
});

function startNotes() {
  const destination = logLinesInto(logLines);
  const logger = createLogger({ name: "notes", level: "info", format: "json", destination });
  const app = createServiceApp({
    logger,
    errorMap: commonErrorMap,
    isUnavailable: () => false,
    ready: async () => true,
    limits: { bodyLimitBytes: 1_024, jsonMaxDepth: 8 },
    routes: [readNote],
  });
  return startApp(app.callback());
}

const spansOf = (traceId: string) => exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
/** A trace of this test's own: the hex digits of a unique id, padded to a trace id's 32. */
const uniqueTraceId = () =>
  uniqueId("")
    .replace(/[^0-9a-f]/g, "")
    .padEnd(32, "a")
    .slice(0, 32);

describe("tracing, when an exporter is configured", () => {
  it("When a request carries a traceparent, then its server span continues that trace, and its MongoDB command, its outgoing call and its log lines are in it", async () => {
    await using running = await startNotes();
    const traceId = uniqueTraceId();
    const callerSpanId = "00f067aa0ba902b7";

    const answer = await http(`${running.url}/v1/notes/n-1`, {
      headers: { traceparent: `00-${traceId}-${callerSpanId}-01` },
    });

    expect(answer.status).toBe(200);
    const spans = spansOf(traceId);
    const server = spans.find((span) => span.name === "GET /v1/notes/{id}");
    expect(server && parentOf(server)).toBe(callerSpanId);
    expect(server?.attributes).toMatchObject({ "http.route": "/v1/notes/{id}", "http.response.status_code": 200 });
    const find = spans.find((span) => span.name === "find tracing_notes");
    expect(find && parentOf(find)).toBe(server?.spanContext().spanId);
    expect(find?.attributes).toMatchObject({ "db.system.name": "mongodb", "db.collection.name": "tracing_notes" });
    // The command's shape is recorded, never its values (a client's data).
    expect(JSON.stringify(find?.attributes)).not.toContain("n-1");
    expect(find?.attributes["db.query.text"]).toContain('"filter":{"_id":"?"}');
    const outgoing = spans.find(
      (span) => span.kind === 2 /* CLIENT */ && span.attributes["http.request.method"] === "GET",
    );
    expect(outgoing && parentOf(outgoing)).toBe(server?.spanContext().spanId);
    // The downstream service was sent the trace, with the outgoing call's span as its parent.
    expect(answer.body.downstreamTraceparent).toBe(`00-${traceId}-${outgoing?.spanContext().spanId}-01`);
    const line = logLines.find((entry) => entry.msg === "note read");
    expect(line).toMatchObject({ trace_id: traceId, span_id: server?.spanContext().spanId });
  });

  it("When a request carries no traceparent, then a new trace starts at its server span", async () => {
    await using running = await startNotes();
    exporter.reset();

    await http(`${running.url}/v1/notes/n-2`);

    const server = exporter.getFinishedSpans().find((span) => span.name === "GET /v1/notes/{id}");
    expect(server).toBeDefined();
    expect(server && parentOf(server)).toBeUndefined();
  });

  it("When the caller did not sample its trace, then nothing of the request is recorded, the call downstream is told so, and its log lines carry no trace ids", async () => {
    await using running = await startNotes();
    const traceId = uniqueTraceId();
    const requestId = uniqueId("not-sampled");

    const answer = await http(`${running.url}/v1/notes/n-3`, {
      headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-00`, "x-request-id": requestId },
    });

    expect(answer.status).toBe(200);
    expect(spansOf(traceId)).toEqual([]);
    expect(answer.body.downstreamTraceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-00$`));
    const lines = logLines.filter((entry) => entry.requestId === requestId);
    expect(lines.map((line) => line.msg)).toEqual(["note read", "request"]);
    for (const line of lines) expect(line).not.toHaveProperty("trace_id");
  });
});

describe("a MongoDB command's statement on its span", () => {
  it("When the trace is recorded, then the statement is the command's shape with every value masked, without the driver's own fields", () => {
    const command = {
      find: "notes",
      filter: { _id: "n-1", tags: { $in: ["a", "b"] } },
      limit: 1,
      lsid: { id: "session" },
      $db: "notes_db",
    };

    const statement = trace.getTracer("test").startActiveSpan("recorded", (span) => {
      const text = maskedStatement(command);
      span.end();
      return text;
    });

    expect(statement).toBe('{"find":"?","filter":{"_id":"?","tags":{"$in":["?","?"]}},"limit":"?"}');
  });
});
