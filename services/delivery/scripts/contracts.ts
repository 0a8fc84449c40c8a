import { join } from "node:path";
import { runContractsGateCommand } from "@starter/service-kit/contracts-gate";
import { findBreakingChanges } from "@starter/testing/oasdiff";
import { delivery } from "../src/service.ts";

/**
 * `contracts:check` / `contracts:snapshot`: the kit's breaking-change gate over this service's documents,
 * read from its declaration (no I/O happens: the documents come from the route declarations alone).
 */
process.exit(
  await runContractsGateCommand(process.argv.slice(2), {
    snapshotsDir: join(import.meta.dirname, "../openapi"),
    app: delivery.describe(),
    findBreakingChanges,
  }),
);
