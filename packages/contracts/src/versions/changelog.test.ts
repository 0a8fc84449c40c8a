import { readFileSync } from "node:fs";
import { join } from "node:path";
import { renderChangelog } from "@starter/service-kit/versions";
import { describe, expect, it } from "vitest";
import { DELIVERY_API_VERSIONS, deliveryVersions } from "./delivery-versions.ts";
import { DELIVERY_WITHIN_MAJOR_CHANGES } from "./within-major-changes.ts";

describe("the changelog", () => {
  it("When the committed CHANGELOG.md is compared with one generated now, then they are the same (run pnpm contracts:changelog)", () => {
    const committed = readFileSync(join(import.meta.dirname, "../../CHANGELOG.md"), "utf8");

    expect(committed).toBe(renderChangelog(DELIVERY_API_VERSIONS, deliveryVersions, DELIVERY_WITHIN_MAJOR_CHANGES));
  });

  it("When a major's minor moves without its entry in the within-major changes, then the changelog is refused", () => {
    const moved = DELIVERY_API_VERSIONS.map((version) =>
      version.major === 2 ? { ...version, minor: (version.minor ?? 0) + 1 } : version,
    );

    expect(() => renderChangelog(moved, deliveryVersions, DELIVERY_WITHIN_MAJOR_CHANGES)).toThrow(/2\.3 has no entry/);
  });

  it("When rendered, then every change unit appears with its reason under the version it leads to", () => {
    const changelog = renderChangelog(DELIVERY_API_VERSIONS, deliveryVersions, DELIVERY_WITHIN_MAJOR_CHANGES);

    for (const unit of deliveryVersions.steps.flatMap((step) => step.changes))
      expect(changelog).toContain(`**${unit.name}**: ${unit.why}`);
    expect(changelog).toMatch(/## Version 1 \(1\.3, deprecated, deprecated 2026-09-01, sunset 2027-03-01/);
    for (const change of DELIVERY_WITHIN_MAJOR_CHANGES) {
      for (const version of change.versions) {
        const major = version.split(".")[0];
        const section = changelog.split(`## Version ${major} `)[1]?.split("## Version")[0] ?? "";
        expect(section).toContain(`- ${version}, ${change.date}: **${change.name}**: ${change.why}`);
      }
    }
  });
});
