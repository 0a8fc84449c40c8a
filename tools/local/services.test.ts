import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { localServices } from "./services.ts";

describe("the services tools/dev runs", () => {
  it("When the repository's services declare their ports, then each runs on its own, in port order", () => {
    const services = localServices(join(import.meta.dirname, "../.."));
    const ports = services.map((service) => service.port);

    expect(services.map((service) => service.name)).toContain("delivery");
    expect(services.find((service) => service.name === "delivery")?.port).toBe(3000);
    expect(ports).toEqual(ports.toSorted((a, b) => a - b));
    expect(new Set(ports).size).toBe(ports.length);
  });

  it("When the migration example is present, then the gateway is pointed at both participants' ports", () => {
    const services = localServices(join(import.meta.dirname, "../.."));
    const gateway = services.find((service) => service.name === "gateway");
    if (!gateway) return; // removed by tools/remove-migration-example: nothing to point

    expect(gateway.env).toMatchObject({ LEGACY_URL: "http://127.0.0.1:3001", DELIVERY_URL: "http://127.0.0.1:3000" });
  });
});
