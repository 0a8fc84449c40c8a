import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderChangelog } from "@starter/service-kit/versions";
import { DELIVERY_API_VERSIONS, DELIVERY_WITHIN_MAJOR_CHANGES, deliveryVersions } from "../src/versions/index.ts";

/** `pnpm contracts:changelog`: regenerates CHANGELOG.md; a test fails while the committed one is stale. */
writeFileSync(
  join(import.meta.dirname, "../CHANGELOG.md"),
  renderChangelog(DELIVERY_API_VERSIONS, deliveryVersions, DELIVERY_WITHIN_MAJOR_CHANGES),
);
