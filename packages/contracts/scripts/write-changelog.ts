import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { API_VERSIONS, renderChangelog, VERSION_STEPS } from "../src/versions/index.ts";

/** `pnpm contracts:changelog`: regenerates CHANGELOG.md; a test fails while the committed one is stale. */
writeFileSync(join(import.meta.dirname, "../CHANGELOG.md"), renderChangelog(API_VERSIONS, VERSION_STEPS));
