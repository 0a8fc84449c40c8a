import type { ApiVersion } from "./registry.ts";
import type { VersionChain } from "./version-chain.ts";

/** The changelog of one resource, generated from its registry and change units so it cannot drift from the code. */
export function renderChangelog(versions: readonly ApiVersion[], chain: VersionChain<string>): string {
  const lines = [
    "# API changelog",
    "",
    "Generated from the version registry and the change units by `pnpm contracts:changelog`.",
    "",
  ];
  for (const version of versions.toSorted((a, b) => b.major - a.major)) {
    lines.push(`## Version ${version.major} (${lifecycleLine(version)})`, "");
    const step = chain.steps.find((s) => s.to === version.major);
    if (!step) {
      lines.push("The first version.", "");
      continue;
    }
    lines.push(`Changes from version ${step.from}:`, "");
    for (const unit of step.changes) lines.push(`- **${unit.name}**: ${unit.why}`);
    lines.push("");
  }
  return lines.join("\n");
}

function lifecycleLine(version: ApiVersion): string {
  const parts: string[] = [version.state];
  if (version.deprecatedAt) parts.push(`deprecated ${version.deprecatedAt.slice(0, 10)}`);
  if (version.sunsetAt) parts.push(`sunset ${version.sunsetAt.slice(0, 10)}`);
  if (version.successor) parts.push(`successor: version ${version.successor}`);
  return parts.join(", ");
}
