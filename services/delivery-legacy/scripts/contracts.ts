import { join } from "node:path";
import { runContractsGateCommand } from "@starter/service-kit/contracts-gate";
import { createLogger } from "@starter/service-kit/logging";
import { findBreakingChanges } from "@starter/testing/oasdiff";
import { MongoClient } from "mongodb";
import { composeService } from "../src/composition.ts";
import { readConfig } from "../src/config.ts";

/**
 * `contracts:check` / `contracts:snapshot`: the kit's breaking-change gate over the legacy service's
 * version 1 document. Composed as main.ts composes it, on a database client that never connects: the
 * document comes from the route declarations alone.
 */
const config = readConfig({ MONGODB_URI: "mongodb://127.0.0.1:9", AUTH_MODE: "off" });
const logger = createLogger({ name: "contracts", level: "silent", format: "json" });
const service = composeService({
  db: new MongoClient(config.MONGODB_URI).db(),
  config,
  logger,
  databaseReady: async () => false,
});
process.exit(
  await runContractsGateCommand(process.argv.slice(2), {
    snapshotsDir: join(import.meta.dirname, "../openapi"),
    app: service.appOptions,
    findBreakingChanges,
  }),
);
