import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The services the local system runs: every folder of services/ whose package.json declares its local
 * port (`"config": { "port": 3000 }`), in port order, so a generated service joins by itself and the printed
 * URLs stay the same. `<NAME>_PORT` (DELIVERY_PORT, GATEWAY_PORT, ...) moves one.
 */
export type LocalService = {
  readonly name: string;
  readonly main: string;
  readonly port: number;
  readonly env: Readonly<Record<string, string>>;
  /** A URL path worth opening first. */
  readonly tryPath: string;
};

type DeclaredService = { readonly name: string; readonly port: number };

export function localServices(repoRoot: string): LocalService[] {
  const declared = declaredServices(repoRoot).map((service) => ({
    ...service,
    port: portFromEnv(`${service.name.toUpperCase().replaceAll("-", "_")}_PORT`, service.port),
  }));
  const portOf = (name: string) => declared.find((service) => service.name === name)?.port;
  return declared.map(({ name, port }) => ({
    name,
    main: join(repoRoot, `services/${name}/dist/main.js`),
    port,
    ...wiring(name, portOf),
  }));
}

/** The local layout: each service's declared port, read from its package.json. */
export function declaredServices(repoRoot: string): DeclaredService[] {
  const servicesDir = join(repoRoot, "services");
  return readdirSync(servicesDir)
    .filter((name) => existsSync(join(servicesDir, name, "package.json")))
    .flatMap((name) => {
      const manifest = JSON.parse(readFileSync(join(servicesDir, name, "package.json"), "utf8"));
      const port = manifest.config?.port;
      return typeof port === "number" ? [{ name, port }] : [];
    })
    .sort((a, b) => a.port - b.port);
}

/** What the migration example's services need beyond a port: the gateway is pointed at both participants. */
function wiring(name: string, portOf: (name: string) => number | undefined): Pick<LocalService, "env" | "tryPath"> {
  if (name === "delivery-legacy") return { env: {}, tryPath: "/v1/deliveries/d-1" };
  if (name === "gateway") {
    return {
      env: {
        LEGACY_URL: `http://127.0.0.1:${portOf("delivery-legacy")}`,
        DELIVERY_URL: `http://127.0.0.1:${portOf("delivery")}`,
        READ_NEW_PERCENT: "25",
      },
      tryPath: "/v2/deliveries/d-1",
    };
  }
  return { env: {}, tryPath: "/docs" };
}

function portFromEnv(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined) return fallback;
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65_535)
    throw new Error(`${name} must be a port number, got ${value}`);
  return Number(value);
}
