import { INSTANT_WINDOW, isWithinInstantWindow } from "@starter/contracts/v1";
import type { Violation } from "@starter/service-kit/errors";
import { LegacyDeliveryRuleViolatedError } from "./legacy-delivery.errors.ts";

/**
 * The legacy service's delivery: the version 1 shape, stored as it is. Kept small on purpose: this service
 * exists to be migrated away from, so it only keeps its data valid.
 */
export type LegacyDeliveryDetails = Readonly<{
  owner: string;
  pickupLocation: string;
  dropoffLocation: string;
  deadline: Date;
  expedited: "yes" | "no";
  packageIds: readonly string[];
}>;

export type LegacyDelivery = LegacyDeliveryDetails &
  Readonly<{ id: string; status: "created" | "dispatched" | "delivered"; version: number }>;

export function createLegacyDelivery(id: string, details: LegacyDeliveryDetails): LegacyDelivery {
  assertValid(details);
  return { id, ...details, status: "created", version: 1 };
}

export function reviseLegacyDelivery(current: LegacyDelivery, details: LegacyDeliveryDetails) {
  assertValid(details);
  const changed = JSON.stringify(detailsOf(current)) !== JSON.stringify(detailsOf({ ...current, ...details }));
  return { value: changed ? { ...current, ...details, version: current.version + 1 } : current, changed };
}

function detailsOf(delivery: LegacyDelivery) {
  const { id: _id, status: _status, version: _version, ...details } = delivery;
  return { ...details, deadline: details.deadline.getTime() };
}

function assertValid(details: LegacyDeliveryDetails): void {
  const violations: Violation[] = [
    ...locationViolations(details.pickupLocation, "pickupLocation"),
    ...locationViolations(details.dropoffLocation, "dropoffLocation"),
  ];
  if (details.packageIds.length === 0) violations.push({ path: ["packageIds"], detail: "at least one package" });
  // The contract says each id once (uniqueItems), which the parsed body does not check: a rule, so a 422.
  details.packageIds.forEach((id, index) => {
    if (details.packageIds.indexOf(id) !== index)
      violations.push({ path: ["packageIds", index], detail: "package ids must be unique" });
  });
  if (Number.isNaN(details.deadline.getTime()))
    violations.push({ path: ["deadline"], detail: "must be a valid instant" });
  else if (!isWithinInstantWindow(details.deadline)) {
    const window = `from ${INSTANT_WINDOW.from} up to, not including, ${INSTANT_WINDOW.until}`;
    violations.push({ path: ["deadline"], detail: `must be ${window}` });
  }
  if (violations.length > 0) throw new LegacyDeliveryRuleViolatedError(violations);
}

function locationViolations(location: string, name: string): Violation[] {
  const [latitude = Number.NaN, longitude = Number.NaN] = location.split(",").map(Number);
  return Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180
    ? []
    : [{ path: [name], detail: "latitude must be within [-90, 90] and longitude within [-180, 180]" }];
}
