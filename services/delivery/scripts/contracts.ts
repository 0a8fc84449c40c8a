import { join } from "node:path";
import { runContractsGateCommand } from "@starter/service-kit/contracts-gate";
import { startFeatureFlags } from "@starter/service-kit/flags";
import { createLogger } from "@starter/service-kit/logging";
import { findBreakingChanges } from "@starter/testing/oasdiff";
import { MongoClient } from "mongodb";
import { composeService } from "../src/composition.ts";
import { readConfig } from "../src/config.ts";

/**
 * `contracts:check` / `contracts:snapshot`: the kit's breaking-change gate over this service's documents.
 * The service is composed as main.ts composes it, on a database client that never connects (no I/O
 * happens: the documents come from the route declarations alone).
 */
const config = readConfig({ MONGODB_URI: "mongodb://127.0.0.1:9", AUTH_MODE: "off" });
const client = new MongoClient(config.MONGODB_URI);
const logger = createLogger({ name: "contracts", level: "silent", format: "json" });
const { client: flags } = await startFeatureFlags({ domain: "contracts", logger });
const service = composeService({ db: client.db(), config, logger, flags, databaseReady: async () => false });
process.exit(
  await runContractsGateCommand(process.argv.slice(2), {
    snapshotsDir: join(import.meta.dirname, "../openapi"),
    app: service.appOptions,
    findBreakingChanges,
  }),
);
