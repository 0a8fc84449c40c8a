import { createServer, type IncomingMessage } from "node:http";
import { http, metricValue, startService } from "@starter/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defineService } from "../src/service/index.ts";

const VERSION = "1.4.2";
const COMMIT = "3f2c9a1d5e7b8c0f4a6d2e1b9c8a7f6e5d4c3b2a";

const greetings = defineService({
  name: "greetings",
  config: { port: 3997, dbName: "greetings" },
  api: { title: "Greetings API", versions: [{ major: 1, state: "current" }] },
  modules: () => [],
});

/** A stand-in OpenTelemetry Collector: keeps the OTLP/JSON bodies posted to it. */
const exports: unknown[] = [];
const collector = createServer(async (req, res) => {
  exports.push(JSON.parse(await bodyOf(req)));
  res.setHeader("content-type", "application/json");
  res.end("{}");
});
let collectorUrl = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => collector.listen(0, "127.0.0.1", resolve));
  const address = collector.address();
  collectorUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});
afterAll(() => new Promise<void>((resolve) => collector.close(() => resolve())));

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

type OtlpExport = { resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] } }[] };

/** Every resource the collector was sent, as key-value pairs. */
function exportedResources(): Record<string, string | undefined>[] {
  return (exports as OtlpExport[]).flatMap((body) =>
    body.resourceSpans.map(({ resource }) =>
      Object.fromEntries(resource.attributes.map(({ key, value }) => [key, value.stringValue])),
    ),
  );
}

describe("which build answered (SERVICE_VERSION, SERVICE_COMMIT)", () => {
  it("When a declared service starts with its build's version and commit, then every log line, /livez, build_info, the metric series (with the track) and the spans' resource name them", async () => {
    const logLines: Record<string, unknown>[] = [];
    const service = await startService(greetings, {
      env: {
        SERVICE_VERSION: VERSION,
        SERVICE_COMMIT: COMMIT,
        DEPLOYMENT_TRACK: "canary",
        OTEL_EXPORTER_OTLP_ENDPOINT: collectorUrl,
        OTEL_BSP_SCHEDULE_DELAY: "0",
      },
      logLines,
    });

    const livez = await http(`${service.url}/livez`);
    const metrics = await http(`${service.url}/metrics`);
    // Stopping sends the spans still batched.
    await service.stop();

    expect(livez.body).toEqual({ status: "ok", version: VERSION, commit: COMMIT });
    expect(metricValue(metrics.body, "build_info", { version: VERSION, commit: COMMIT })).toBe(1);
    // Every series names the rollout's track and the version, so a canary is queried apart.
    const track = { deployment_track: "canary", service_version: VERSION };
    expect(metricValue(metrics.body, "http_server_request_duration_seconds_count", track)).toBeGreaterThan(0);
    expect(logLines.map((line) => line.msg)).toEqual(expect.arrayContaining(["greetings listening", "request"]));
    for (const line of logLines) expect(line).toMatchObject({ name: "greetings", version: VERSION, commit: COMMIT });
    expect(exportedResources()).not.toEqual([]);
    for (const resource of exportedResources())
      expect(resource).toMatchObject({
        "service.name": "greetings",
        "service.version": VERSION,
        "vcs.ref.head.revision": COMMIT,
      });
  });

  it("When neither is set, then the service says it is no release", () => {
    const config = greetings.readConfig({ MONGODB_URI: "mongodb://127.0.0.1:9", AUTH_MODE: "off" });

    expect(config).toMatchObject({ SERVICE_VERSION: "0.0.0-dev", SERVICE_COMMIT: "unknown" });
  });

  it("When either is malformed, then reading the configuration fails naming each", () => {
    const read = () =>
      greetings.readConfig({
        MONGODB_URI: "mongodb://127.0.0.1:9",
        AUTH_MODE: "off",
        SERVICE_VERSION: "1.4.2 (patched)",
        SERVICE_COMMIT: "main",
      });

    expect(read).toThrow(/SERVICE_VERSION[\s\S]*SERVICE_COMMIT/);
  });
});
