import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { localServices } from "./services.ts";

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A repository whose services declare these local ports (or none: a folder without a port is not run). */
function repositoryWith(ports: Record<string, number | undefined>): string {
  const root = mkdtempSync(join(tmpdir(), "services-"));
  roots.push(root);
  for (const [name, port] of Object.entries(ports)) {
    mkdirSync(join(root, "services", name), { recursive: true });
    const manifest = { name, ...(port !== undefined && { config: { port } }) };
    writeFileSync(join(root, "services", name, "package.json"), JSON.stringify(manifest));
  }
  return root;
}

describe("the services tools/dev runs", () => {
  it("When services declare their ports, then each runs on its own, in port order; one without a port is not run", () => {
    const root = repositoryWith({ invoicing: 3003, delivery: 3000, "delivery-legacy": 3001, scratch: undefined });
    const services = localServices(root);

    expect(services.map((s) => [s.name, s.port])).toEqual([
      ["delivery", 3000],
      ["delivery-legacy", 3001],
      ["invoicing", 3003],
    ]);
    expect(services.find((s) => s.name === "invoicing")).toMatchObject({
      main: join(root, "services/invoicing/dist/main.js"),
      tryPath: "/docs",
    });
  });

  it("When the migration example is there, then the gateway is pointed at both participants' ports", () => {
    const services = localServices(repositoryWith({ delivery: 3000, "delivery-legacy": 3001, gateway: 3002 }));

    expect(services.find((s) => s.name === "gateway")?.env).toMatchObject({
      LEGACY_URL: "http://127.0.0.1:3001",
      DELIVERY_URL: "http://127.0.0.1:3000",
    });
  });
});
