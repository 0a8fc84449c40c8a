import { join } from "node:path";
import { runContractsGateCommand } from "@starter/service-kit/contracts-gate";
import { createLogger } from "@starter/service-kit/logging";
import { findBreakingChanges } from "@starter/testing/oasdiff";
import { MongoClient } from "mongodb";
import { composeGateway } from "../src/composition.ts";
import { readConfig } from "../src/config.ts";

/**
 * `contracts:check` / `contracts:snapshot`: the kit's breaking-change gate over the gateway's version 2
 * document. Composed as main.ts composes it, on addresses nothing is asked of: the document comes from the
 * route declarations alone.
 */
const unused = "http://127.0.0.1:9";
const config = readConfig({
  MONGODB_URI: "mongodb://127.0.0.1:9",
  AUTH_MODE: "off",
  LEGACY_URL: unused,
  DELIVERY_URL: unused,
});
const logger = createLogger({ name: "contracts", level: "silent", format: "json" });
const gateway = composeGateway({
  db: new MongoClient(config.MONGODB_URI).db(),
  config,
  logger,
  ping: async () => false,
});
process.exit(
  await runContractsGateCommand(process.argv.slice(2), {
    snapshotsDir: join(import.meta.dirname, "../openapi"),
    app: gateway.appOptions,
    findBreakingChanges,
  }),
);
