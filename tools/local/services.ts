import { existsSync } from "node:fs";
import { join } from "node:path";

/** The services the local system runs, in start order, each on a fixed port so the printed URLs stay the same. */
export type LocalService = {
  readonly name: string;
  readonly main: string;
  readonly port: number;
  readonly env: Readonly<Record<string, string>>;
  /** A URL path worth opening first. */
  readonly tryPath: string;
};

export function localServices(repoRoot: string): LocalService[] {
  const main = (service: string) => join(repoRoot, `services/${service}/dist/main.js`);
  const delivery = portFromEnv("DELIVERY_PORT", 3000);
  const services: LocalService[] = [
    { name: "delivery", main: main("delivery"), port: delivery, env: {}, tryPath: "/docs" },
  ];
  // The migration example runs where it is still in the clone (tools/remove-migration-example removes it).
  if (!existsSync(join(repoRoot, "services/gateway/package.json"))) return services;
  const legacy = portFromEnv("LEGACY_PORT", 3001);
  const gateway = portFromEnv("GATEWAY_PORT", 3002);
  return [
    ...services,
    { name: "legacy", main: main("delivery-legacy"), port: legacy, env: {}, tryPath: "/v1/deliveries/d-1" },
    {
      name: "gateway",
      main: main("gateway"),
      port: gateway,
      env: {
        LEGACY_URL: `http://127.0.0.1:${legacy}`,
        DELIVERY_URL: `http://127.0.0.1:${delivery}`,
        READ_NEW_PERCENT: "25",
      },
      tryPath: "/v2/deliveries/d-1",
    },
  ];
}

function portFromEnv(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined) return fallback;
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65_535)
    throw new Error(`${name} must be a port number, got ${value}`);
  return Number(value);
}
