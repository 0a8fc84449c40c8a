import { join } from "node:path";

/** The services the local system runs, each on its own fixed port so the printed URLs stay the same. */
export type LocalService = { readonly name: string; readonly main: string; readonly port: number };

export function localServices(repoRoot: string): LocalService[] {
  return [
    {
      name: "delivery",
      main: join(repoRoot, "services/delivery/dist/main.js"),
      port: portFromEnv("DELIVERY_PORT", 3000),
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
