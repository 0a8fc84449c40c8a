import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { composeWithService, localOverlayWithService, nextFreePort } from "./register.ts";

const COMPOSE = `# The system.
name: demo

services:
  mongo:
    image: mongo:8.0
    ports:
      - "127.0.0.1:27017:27017"

  delivery:
    build:
      context: ..
    ports:
      - "127.0.0.1:3000:3000"

  grafana:
    image: grafana/grafana
    ports:
      - "127.0.0.1:3300:3000"

volumes:
  data: {}
`;

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A repository with services declaring the given local ports. */
function repositoryWith(ports: Record<string, number>): string {
  const root = mkdtempSync(join(tmpdir(), "layout-"));
  roots.push(root);
  mkdirSync(join(root, "services"));
  for (const [name, port] of Object.entries(ports)) {
    mkdirSync(join(root, "services", name), { recursive: true });
    writeFileSync(join(root, "services", name, "package.json"), JSON.stringify({ name, config: { port } }));
  }
  return root;
}

describe("adding a generated service to the local layout", () => {
  it("When services declare ports, then the next one is above all of them and above the compose file's own services' (a tool's port does not count)", () => {
    expect(nextFreePort(repositoryWith({ delivery: 3000, gateway: 3002 }), COMPOSE)).toBe(3003);
    expect(nextFreePort(repositoryWith({}), COMPOSE.replace("3000:3000", "3007:3007"))).toBe(3008);
  });

  it("When the service is added to the compose file, then its block follows the others and the rest is kept", () => {
    const text = composeWithService(COMPOSE, "invoicing", "invoicing", 3003);
    const compose = parse(text);

    expect(text.startsWith("# The system.\nname: demo\n")).toBe(true);
    expect(Object.keys(compose.services)).toEqual(["mongo", "delivery", "grafana", "invoicing"]);
    expect(compose.services.invoicing).toMatchObject({
      build: { args: { SERVICE: "invoicing" } },
      labels: { "prometheus.scrape": "true", "prometheus.port": "3003" },
      environment: { PORT: "3003", MONGODB_DB: "invoicing", OTEL_EXPORTER_OTLP_ENDPOINT: "http://otel-collector:4318" },
      ports: ["127.0.0.1:3003:3003"],
      depends_on: { mongo: { condition: "service_healthy" } },
    });
    expect(text).toContain("\n\n  invoicing:\n");
    expect(text).toContain('      - "127.0.0.1:3003:3003"\n');
    expect(compose.volumes).toEqual({ data: {} });
  });

  it("When the compose file already has the service, then it is refused", () => {
    expect(() => composeWithService(COMPOSE, "delivery", "delivery", 3003)).toThrow(
      /already has a service named delivery/,
    );
  });

  it("When the service is added to the local Kubernetes overlay, then its base, its database URI and its local image join the others'", () => {
    const overlay = `# Local.
resources:
  - ../../base/delivery
secretGenerator:
  - name: delivery-mongodb
    literals:
      - uri=mongodb://mongo:27017/?directConnection=true
images:
  - name: acme/delivery
    newTag: local
`;
    const text = localOverlayWithService(overlay, "invoicing");
    expect(text.startsWith("# Local.\n")).toBe(true);
    expect(parse(text)).toEqual({
      resources: ["../../base/delivery", "../../base/invoicing"],
      secretGenerator: [
        { name: "delivery-mongodb", literals: ["uri=mongodb://mongo:27017/?directConnection=true"] },
        { name: "invoicing-mongodb", literals: ["uri=mongodb://mongo:27017/?directConnection=true"] },
      ],
      images: [
        { name: "acme/delivery", newTag: "local" },
        { name: "acme/invoicing", newTag: "local" },
      ],
    });
    expect(() => localOverlayWithService(text, "invoicing")).toThrow(/already has \.\.\/\.\.\/base\/invoicing/);
  });
});
