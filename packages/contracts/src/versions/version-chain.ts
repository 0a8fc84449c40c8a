import type { ChangeUnit, WireObject, WirePath } from "../changes/change-unit.ts";
import { v1ToV2 } from "../changes/v1-to-v2/index.ts";

/** The change units between two adjacent majors. A version 3 later is one more step, not a rewrite. */
export type VersionStep = { readonly from: number; readonly to: number; readonly changes: readonly ChangeUnit[] };

export const VERSION_STEPS: readonly VersionStep[] = [{ from: 1, to: 2, changes: v1ToV2 }];

export const NEWEST_MAJOR = Math.max(...VERSION_STEPS.map((step) => step.to));

function stepsAbove(major: number): VersionStep[] {
  return VERSION_STEPS.filter((step) => step.from >= major).toSorted((a, b) => a.from - b.from);
}

/**
 * An older request in the newest shape, step by step. `currentNewest` is the stored state (newest shape);
 * each step sees it in its own newer shape, so a unit can keep what the older version cannot express.
 */
export function upgradeRequest(request: WireObject, fromMajor: number, currentNewest?: WireObject): WireObject {
  let upgraded = request;
  for (const step of stepsAbove(fromMajor)) {
    const current = currentNewest && downgradeResponse(currentNewest, step.to);
    for (const unit of step.changes) upgraded = unit.up(upgraded, current);
  }
  return upgraded;
}

/** A newest-shape response in an older major's shape: the steps and their units in reverse. */
export function downgradeResponse(response: WireObject, toMajor: number): WireObject {
  let downgraded = response;
  for (const step of stepsAbove(toMajor).toReversed()) {
    for (const unit of step.changes.toReversed()) downgraded = unit.down(downgraded);
  }
  return downgraded;
}

/** Where a problem found in the newest shape lies in an older request. */
export function downgradePath(path: WirePath, toMajor: number): WirePath {
  let downgraded = path;
  for (const step of stepsAbove(toMajor).toReversed()) {
    for (const unit of step.changes.toReversed()) downgraded = unit.downPath?.(downgraded) ?? downgraded;
  }
  return downgraded;
}
