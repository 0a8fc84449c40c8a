import type { WithinMajorChange } from "@starter/service-kit/versions";
import { INSTANT_WINDOW, PACKAGE_WEIGHT_KG } from "../common/fields.ts";

/**
 * The Delivery API's changes released within a major (docs/versioning.md, "Changes within a major"): each
 * was reported by the contract gate, reviewed, and snapshotted, and is listed in the changelog.
 */
export const DELIVERY_WITHIN_MAJOR_CHANGES: readonly WithinMajorChange[] = [
  {
    majors: [1, 2],
    date: "2026-12-07",
    name: "bound-instants-and-weights",
    why:
      `A deadline or a confirmation's instant must lie from ${INSTANT_WINDOW.from} up to, not including, ` +
      `${INSTANT_WINDOW.until}, and a package weigh at most ${PACKAGE_WEIGHT_KG.maximum} kg (version 2); ` +
      "outside, a 422 pointing at the member. Both were unbounded, so year 0000 and 1e308 kg were stored as " +
      "deliveries; no delivery has such values, so no new major: clients that sent real deliveries see no change.",
  },
];
