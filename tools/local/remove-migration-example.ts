import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isNode, isSeq, parseDocument } from "yaml";

/**
 * Removes the worked migration (delivery-legacy, the gateway, the coordination package, their end-to-end
 * tests, pacts and docs) from a clone whose service has no predecessor to migrate from. `delivery` stays,
 * and `tools/check` passes afterwards. Refuses, writing nothing, when the example is already gone.
 */
const repoRoot = join(import.meta.dirname, "../..");
const at = (path: string) => join(repoRoot, path);

const REMOVED = [
  "services/delivery-legacy",
  "services/gateway",
  "packages/coordination",
  "services/delivery/test/pact-provider.test.ts",
  "test/e2e/migration.test.ts",
  "test/e2e/gateway-contract.test.ts",
  "test/e2e/gateway-crash.test.ts",
  "test/e2e/gateway-drift.test.ts",
  "test/e2e/tracing.test.ts",
  "test/e2e/otlp-receiver.ts",
  "docker/observability/grafana/dashboards/migration.json",
  "docs/coordination.md",
  "docker/k8s/base/delivery-legacy",
  "docker/k8s/base/gateway",
  "docker/k8s/overlays/migration",
];

/** Lines that name what is removed, in the tables that list it. */
const LISTED = [
  "services/delivery-legacy",
  "services/gateway",
  "packages/coordination",
  "coordination.md",
  "coordination_duration_seconds",
  "migration_shadow_reads_total",
  "overlays/migration",
];

if (!existsSync(at("services/gateway"))) {
  process.stderr.write("the migration example is not here (already removed?): nothing to do\n");
  process.exit(2);
}

for (const path of REMOVED) rmSync(at(path), { recursive: true, force: true });
removeComposeServices(at("docker/compose.yaml"), ["delivery-legacy", "gateway"]);
removeFromLocalOverlay(at("docker/k8s/overlays/local/kustomization.yaml"), ["delivery-legacy", "gateway"]);
removeDependency(at("test/package.json"), "@starter/coordination");
for (const file of ["README.md", "docs/README.md", "docs/architecture.md"]) removeListedLines(at(file));
removeSection(at("README.md"), "## The migration example");
process.stdout.write(`removed: ${REMOVED.join(", ")}\n`);

/** Drops each named service's block (its line and everything indented below it) from a compose file. */
function removeComposeServices(file: string, names: readonly string[]): void {
  const kept: string[] = [];
  let skipping = false;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (/^ {2}\S/.test(line) || /^\S/.test(line)) skipping = names.some((name) => line === `  ${name}:`);
    if (!skipping) kept.push(line);
  }
  writeFileSync(file, kept.join("\n").replace(/\n{3,}/g, "\n\n"));
}

/** Drops each named service's base, database URI and image from the local Kubernetes overlay. */
function removeFromLocalOverlay(file: string, names: readonly string[]): void {
  const document = parseDocument(readFileSync(file, "utf8"));
  const isRemoved = (entry: unknown) => {
    const value = typeof entry === "string" ? entry : ((entry as { name?: string }).name ?? "");
    return names.some(
      (name) => value === `../../base/${name}` || value === `${name}-mongodb` || value.endsWith(`/${name}`),
    );
  };
  for (const field of ["resources", "secretGenerator", "images"]) {
    const list = document.get(field);
    if (isSeq(list)) list.items = list.items.filter((item) => !isRemoved(isNode(item) ? item.toJSON() : item));
  }
  writeFileSync(file, document.toString({ lineWidth: 0, flowCollectionPadding: false }));
}

function removeDependency(file: string, name: string): void {
  const manifest = JSON.parse(readFileSync(file, "utf8")) as Record<string, Record<string, string> | undefined>;
  for (const field of ["dependencies", "devDependencies"]) delete manifest[field]?.[name];
  writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
}

function removeListedLines(file: string): void {
  const lines = readFileSync(file, "utf8").split("\n");
  const isRow = (line: string) => line.startsWith("|") && LISTED.some((name) => line.includes(name));
  writeFileSync(file, lines.filter((line) => !isRow(line)).join("\n"));
}

/** Drops a Markdown section: its heading and everything up to the next heading of the same level. */
function removeSection(file: string, heading: string): void {
  const text = readFileSync(file, "utf8");
  const start = text.indexOf(`${heading}\n`);
  if (start === -1) return;
  const next = text.indexOf("\n## ", start + heading.length);
  writeFileSync(file, text.slice(0, start) + (next === -1 ? "" : text.slice(next + 1)));
}
