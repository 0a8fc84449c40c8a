import { useService } from "@starter/testing";
import { inject } from "vitest";
import { deliveryLegacy } from "../src/service.ts";

/**
 * The legacy service started as main.ts starts it, on a free port, against a database of its own on the
 * run's server; `env()` gives more variables (AUTH_* of a test issuer started in the file's beforeAll).
 */
export function useLegacyApp(options: { env?: () => Readonly<Record<string, string>> } = {}): { readonly url: string } {
  return useService(deliveryLegacy, () => ({
    env: { MONGODB_DB: `${inject("mongoDbName")}_legacy`, ...options.env?.() },
  }));
}
