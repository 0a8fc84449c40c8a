import { type Span, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import type { CommandStartedEvent, MongoClient } from "mongodb";

/**
 * A client span per MongoDB command, from the driver's command monitoring, named and attributed as
 * OpenTelemetry's database conventions say (`find deliveries`, `db.system.name`, `db.collection.name`...),
 * a child of whatever was running when the command was sent (the request's server span). The command's
 * values are not recorded: they hold the clients' data.
 */
export function traceCommands(client: MongoClient): void {
  const tracer = trace.getTracer("@starter/service-kit");
  const open = new Map<number, Span>();
  client.on("commandStarted", (event) => {
    const collection = collectionOf(event);
    const span = tracer.startSpan(collection ? `${event.commandName} ${collection}` : event.commandName, {
      kind: SpanKind.CLIENT,
      attributes: {
        "db.system.name": "mongodb",
        "db.operation.name": event.commandName,
        "db.namespace": event.databaseName,
        ...(collection && { "db.collection.name": collection }),
        "server.address": event.address,
      },
    });
    open.set(event.requestId, span);
  });
  const end = (requestId: number, failed: boolean) => {
    const span = open.get(requestId);
    if (!span) return;
    open.delete(requestId);
    if (failed) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  };
  client.on("commandSucceeded", (event) => end(event.requestId, false));
  client.on("commandFailed", (event) => end(event.requestId, true));
}

/** The collection a command names as the value of its first member (`{ find: "deliveries", ... }`). */
function collectionOf(event: CommandStartedEvent): string | undefined {
  const value = event.command[event.commandName];
  return typeof value === "string" ? value : undefined;
}
