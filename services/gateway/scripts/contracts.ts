import { join } from "node:path";
import { runContractsGateCommand } from "@starter/service-kit/contracts-gate";
import { findBreakingChanges } from "@starter/testing/oasdiff";
import { gateway } from "../src/service.ts";

/**
 * `contracts:check` / `contracts:snapshot`: the kit's breaking-change gate over the gateway's version 2
 * document, read from its declaration on addresses nothing is asked of (the document comes from the route
 * declarations alone).
 */
const unused = "http://127.0.0.1:9";
process.exit(
  await runContractsGateCommand(process.argv.slice(2), {
    snapshotsDir: join(import.meta.dirname, "../openapi"),
    app: gateway.describe({ LEGACY_URL: unused, DELIVERY_URL: unused }),
    findBreakingChanges,
  }),
);
