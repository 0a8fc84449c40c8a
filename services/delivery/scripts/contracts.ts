import { join } from "node:path";
import { runContractsGate } from "@starter/service-kit/contracts-gate";
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
const mode = process.argv[2];
if (mode !== "check" && mode !== "snapshot") {
  process.stderr.write("usage: contracts.ts check|snapshot\n");
  process.exit(2);
}
const config = readConfig({ MONGODB_URI: "mongodb://127.0.0.1:9" });
const client = new MongoClient(config.MONGODB_URI);
const logger = createLogger({ name: "contracts", level: "silent", format: "json" });
const service = composeService({ db: client.db(), config, logger, databaseReady: async () => false });
const passed = await runContractsGate({
  mode,
  snapshotsDir: join(import.meta.dirname, "../openapi"),
  app: service.appOptions,
  findBreakingChanges,
  write: (line) => process.stdout.write(`${line}\n`),
});
process.exit(passed ? 0 : 1);
