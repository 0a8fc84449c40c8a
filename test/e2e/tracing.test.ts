import { deliveryClientV2 } from "@starter/delivery-client";
import { uniqueId } from "@starter/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOtlpReceiver } from "./otlp-receiver.ts";
import { until, useServiceProcesses, v2Delivery } from "./service-processes.ts";

/**
 * The three services of the migration, each exporting its spans to one stand-in collector. The collector's
 * hooks come first, so it is closed last: the services send their last spans as they stop.
 */
let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
beforeAll(async () => {
  receiver = await startOtlpReceiver();
});
afterAll(async () => {
  await receiver[Symbol.asyncDispose]();
});
const processes = useServiceProcesses();
let gatewayUrl = "";

beforeAll(async () => {
  const tracing = { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: "100" };
  const legacy = await processes.start("delivery-legacy", { ...tracing, MONGODB_DB: uniqueId("trace_legacy") });
  const delivery = await processes.start("delivery", { ...tracing, MONGODB_DB: uniqueId("trace_delivery") });
  const env = processes.gatewayEnv(legacy.url, delivery.url, { ...tracing, COMPARE_INTERVAL_MS: "0" });
  gatewayUrl = (await processes.start("gateway", env)).url;
}, 60_000);

describe("one trace across the gateway and both services", () => {
  it("When a PUT with a traceparent goes through the gateway, then the gateway, delivery and delivery-legacy all record spans of that trace, their database commands included", async () => {
    const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    const id = uniqueId("trace");

    const put = await deliveryClientV2(gatewayUrl).PUT("/v2/deliveries/{id}", {
      params: { path: { id } },
      headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
      body: v2Delivery(),
    });
    expect(put.response.status).toBe(201);

    const inTrace = () => receiver.spans.filter((span) => span.traceId === traceId);
    const servers = await until(async () => {
      const names = inTrace().map((span) => `${span.service}: ${span.name}`);
      const wanted = [
        "gateway: PUT /v2/deliveries/{id}",
        "delivery: PUT /v2/deliveries/{id}",
        "delivery-legacy: PUT /v1/deliveries/{id}",
      ];
      return wanted.every((name) => names.includes(name)) ? names : undefined;
    }, 10_000);
    expect(servers).toBeDefined();

    const spans = inTrace();
    const gatewayServer = spans.find((s) => s.service === "gateway" && s.name === "PUT /v2/deliveries/{id}");
    expect(gatewayServer?.parentSpanId).toBe("00f067aa0ba902b7");
    // The gateway's own writes (its journal) and both sides' commands are in the trace, under their requests.
    for (const service of ["gateway", "delivery", "delivery-legacy"]) {
      const commands = spans.filter((s) => s.service === service && s.attributes["db.system.name"] === "mongodb");
      expect([service, commands.length > 0]).toEqual([service, true]);
    }
    // Each side's server span is the child of one of the gateway's outgoing calls.
    const gatewayCalls = new Set(spans.filter((s) => s.service === "gateway").map((s) => s.spanId));
    const sideServers = spans.filter((s) => s.service !== "gateway" && s.name.startsWith("PUT "));
    expect(sideServers.every((s) => gatewayCalls.has(s.parentSpanId))).toBe(true);
  }, 30_000);
});
