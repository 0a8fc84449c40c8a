import { defineService } from "@starter/service-kit/service";
import { gatewayConfigRules, gatewayVariables } from "./config.ts";
import { migrationModule } from "./migration/migration.module.ts";

/**
 * The migration gateway: the public entry while deliveries move from the legacy service to the new one.
 * Its clients see version 2 only (documented at /v2/openapi.json and /docs); its own database holds the
 * coordination journal and the drift store. It bounds each request itself (a 504 naming the coordination),
 * so the app sets no deadline of its own.
 */
export const gateway = defineService({
  name: "gateway",
  config: { port: 3002, dbName: "gateway", variables: gatewayVariables, rules: gatewayConfigRules },
  api: {
    title: "Delivery API (migration gateway)",
    // 2.1: its document describes the 503 and the response headers the kit sends (no changelog of its own).
    versions: [{ major: 2, minor: 1, state: "current" }],
    versionNeutralPaths: ["/migration"],
  },
  requestDeadline: false,
  modules: (context) => [migrationModule(context)],
});
