import { type ApiVersion, versionChain } from "@starter/service-kit/versions";
import { v1ToV2 } from "../changes/v1-to-v2/index.ts";
import { v2ToV3 } from "../changes/v2-to-v3/index.ts";

/**
 * The lifecycle of each major of the Delivery API: at most two in production (one `current`, one
 * `deprecated`), overridable per deployment (API_VERSION_STATES, API_BROWNOUTS). Version 1 ends on the
 * calendar: two brownouts, an hour and then four, warn its last callers, and from its sunset it answers 410.
 * Each `minor` has its entry in DELIVERY_WITHIN_MAJOR_CHANGES.
 */
export const DELIVERY_API_VERSIONS: readonly ApiVersion[] = [
  {
    major: 1,
    minor: 3,
    state: "deprecated",
    deprecatedAt: "2026-09-01T00:00:00Z",
    sunsetAt: "2027-03-01T00:00:00Z",
    brownouts: [
      { from: "2027-02-02T14:00:00Z", until: "2027-02-02T15:00:00Z" },
      { from: "2027-02-16T14:00:00Z", until: "2027-02-16T18:00:00Z" },
    ],
    successor: 2,
  },
  // Its deprecation is planned for version 3's promotion: `3:current,2:deprecated,1:retired` is then one setting.
  {
    major: 2,
    minor: 2,
    state: "current",
    deprecatedAt: "2027-06-01T00:00:00Z",
    sunsetAt: "2027-12-01T00:00:00Z",
    successor: 3,
  },
  // A preview: served to try, outside the contract gate, never the default for a request that names no major.
  { major: 3, state: "preview" },
];

/** How a delivery moves between the majors; other resources have chains of their own. */
export const deliveryVersions = versionChain("delivery", [
  { from: 1, to: 2, changes: v1ToV2 },
  { from: 2, to: 3, changes: v2ToV3 },
]);
