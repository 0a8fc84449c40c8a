import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DELIVERY_API_VERSIONS } from "@starter/contracts/versions";
import { createVersionRegistry } from "@starter/service-kit/versions";
import { findBreakingChanges } from "@starter/testing/oasdiff";
import { OPERATIONS_BY_MAJOR } from "../src/http/openapi/openapi.routes.ts";
import { openApiDocument } from "../src/http/openapi/openapi-document.ts";

/**
 * The breaking-change gate. `check` compares each published major's OpenAPI document (generated from the
 * contracts' schemas) with its committed snapshot in openapi/ and fails, naming the field, on any change
 * that would break an existing client. `snapshot` refreshes the snapshots after a deliberate change.
 */
const SNAPSHOTS = join(import.meta.dirname, "../openapi");
const mode = process.argv[2];
if (mode !== "check" && mode !== "snapshot") {
  process.stderr.write("usage: contracts.ts check|snapshot\n");
  process.exit(2);
}

const published = createVersionRegistry(DELIVERY_API_VERSIONS).versions.filter(
  (v) => v.state === "current" || v.state === "deprecated",
);
let failed = false;
for (const version of published) {
  const snapshotPath = join(SNAPSHOTS, `v${version.major}.json`);
  const current = openApiDocument(version, OPERATIONS_BY_MAJOR.get(version.major) ?? []);
  const currentText = `${JSON.stringify(current, null, 2)}\n`;
  if (mode === "snapshot") {
    writeFileSync(snapshotPath, currentText);
    process.stdout.write(`v${version.major}: snapshot written to openapi/v${version.major}.json\n`);
    continue;
  }
  if (!existsSync(snapshotPath)) {
    process.stderr.write(`v${version.major}: no snapshot; run pnpm contracts:snapshot\n`);
    failed = true;
    continue;
  }
  const snapshotText = readFileSync(snapshotPath, "utf8");
  const { breaking, report } = await findBreakingChanges(JSON.parse(snapshotText), current);
  if (breaking) {
    process.stderr.write(`v${version.major}: BREAKING changes against the published contract:\n${report}\n`);
    failed = true;
  } else if (snapshotText !== currentText) {
    process.stdout.write(
      `v${version.major}: additive changes only; refresh the snapshot with pnpm contracts:snapshot\n`,
    );
  } else {
    process.stdout.write(`v${version.major}: unchanged\n`);
  }
}
process.exit(failed ? 1 : 0);
