import { join } from "node:path";
import { runContractsGateCommand } from "@starter/service-kit/contracts-gate";
import { findBreakingChanges } from "@starter/testing/oasdiff";
import { deliveryLegacy } from "../src/service.ts";

/**
 * `contracts:check` / `contracts:snapshot`: the kit's breaking-change gate over the legacy service's
 * version 1 document, read from its declaration (no I/O: the document comes from the routes alone).
 */
process.exit(
  await runContractsGateCommand(process.argv.slice(2), {
    snapshotsDir: join(import.meta.dirname, "../openapi"),
    app: deliveryLegacy.describe(),
    findBreakingChanges,
  }),
);
