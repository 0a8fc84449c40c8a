import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { http } from "@starter/testing";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { parse } from "yaml";
import { useServiceProcesses } from "../e2e/service-processes.ts";

const repoRoot = join(import.meta.dirname, "../..");
const DASHBOARDS = join(repoRoot, "docker/observability/grafana/dashboards");

type ComposeService = {
  build?: unknown;
  labels?: Record<string, string>;
  environment?: Record<string, string>;
};
const compose = parse(readFileSync(join(repoRoot, "docker/compose.yaml"), "utf8")) as {
  services: Record<string, ComposeService>;
};
/** The services built from this repository: ours, as opposed to MongoDB and the observability tools. */
const ownServices = Object.entries(compose.services).filter(([, service]) => service.build !== undefined);

/** The metric names a dashboard's queries (and its variables) read. */
function metricNamesIn(dashboard: { panels?: { targets?: { expr: string }[] }[]; templating?: unknown }): string[] {
  const queries = [
    ...(dashboard.panels ?? []).flatMap((panel) => (panel.targets ?? []).map((target) => target.expr)),
    JSON.stringify(dashboard.templating ?? {}),
  ];
  return [
    ...new Set(
      queries.flatMap((query) => [...query.matchAll(/\b([a-z_:][a-z0-9_:]*)\s*[{[,)]/g)].map((m) => m[1] ?? "")),
    ),
  ].filter(
    (name) =>
      name.includes("_") &&
      ![
        "http_route",
        "http_request_method",
        "http_response_status_code",
        "api_major",
        "api_version_state",
        "db_client_connection_state",
        "deployment_track",
      ].includes(name),
  );
}

/** The sample names a `/metrics` answer can have: every family declared, with a histogram's _bucket/_count/_sum. */
function servedNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const [, name, type] of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    if (type === "histogram") for (const suffix of ["_bucket", "_count", "_sum"]) names.add(`${name}${suffix}`);
    else names.add(name ?? "");
  }
  return names;
}

describe("the observability profile's configuration", () => {
  it("When a service of ours is in the compose file, then Prometheus finds it (labels on its PORT) and it sends its spans to the collector", () => {
    expect(ownServices.length).toBeGreaterThan(0);
    for (const [name, service] of ownServices) {
      expect([name, service.labels]).toEqual([
        name,
        { "prometheus.scrape": "true", "prometheus.port": service.environment?.PORT },
      ]);
      expect([name, service.environment?.OTEL_EXPORTER_OTLP_ENDPOINT]).toEqual([name, "http://otel-collector:4318"]);
    }
  });

  describe("the dashboards, against what the services serve", () => {
    const processes = useServiceProcesses();
    const served = new Set<string>();
    beforeAll(async () => {
      const urls: string[] = [];
      if (compose.services.gateway) {
        const { legacy, delivery } = await processes.startDeliveryServices();
        const gateway = await processes.start("gateway", processes.gatewayEnv(legacy.url, delivery.url));
        urls.push(legacy.url, delivery.url, gateway.url);
      } else {
        // Without the migration example (tools/remove-migration-example), delivery alone.
        urls.push((await processes.start("delivery", { MONGODB_DB: `${inject("mongoDbName")}_observability` })).url);
      }
      for (const url of urls)
        for (const name of servedNames(String((await http(`${url}/metrics`)).body))) served.add(name);
    }, 60_000);

    it("When a dashboard queries a metric, then some service serves it: a renamed series breaks this test, not the dashboard", () => {
      const files = readdirSync(DASHBOARDS).filter((file) => file.endsWith(".json"));
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        const names = metricNamesIn(JSON.parse(readFileSync(join(DASHBOARDS, file), "utf8")));
        expect(names.length).toBeGreaterThan(0);
        expect([file, names.filter((name) => !served.has(name))]).toEqual([file, []]);
      }
    });
  });
});
