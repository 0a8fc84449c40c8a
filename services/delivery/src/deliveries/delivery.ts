import { INSTANT_WINDOW, isWithinInstantWindow, PACKAGE_WEIGHT_KG } from "@starter/contracts/v2";
import type { Violation } from "@starter/service-kit/errors";
import type { Revision } from "@starter/service-kit/versioned-writes";
import { DeliveryCompletedError, DeliveryNotDispatchableError, DeliveryRuleViolatedError } from "./delivery.errors.ts";

/**
 * The Delivery aggregate: plain data and the functions that change it. Every change goes through a
 * function here, which checks the invariants, so they hold whichever API version or adapter the data
 * came through. Nothing here knows HTTP or MongoDB.
 */

export type Coordinates = Readonly<{ latitude: number; longitude: number }>;

export type PackageSize = "small" | "medium" | "large";

export type DeliveryPackage = Readonly<{ id: string; size: PackageSize; weightKg: number }>;

export type DeliveryStatus = "created" | "dispatched" | "delivered";

/** The child entity: who received the delivery, and when. */
export type Confirmation = Readonly<{ receivedBy: string; confirmedAt: Date }>;

/** What a client decides about a delivery; the rest (status, version, confirmation) follows from changes. */
export type DeliveryDetails = Readonly<{
  ownerId: string;
  pickup: Coordinates;
  dropoff: Coordinates;
  deadline: Date;
  expedited: boolean;
  packages: readonly DeliveryPackage[];
}>;

export type Delivery = DeliveryDetails &
  Readonly<{
    id: string;
    status: DeliveryStatus;
    /** Increases by one with every change; the basis of ETags and of conditional writes. */
    version: number;
    confirmation: Confirmation | null;
    /** The operation that dispatched it: makes re-running that operation's effect a no-op. */
    dispatchedBy: string | null;
  }>;

export function createDelivery(id: string, details: DeliveryDetails): Delivery {
  assertValidDetails(details);
  return { id, ...details, status: "created", version: 1, confirmation: null, dispatchedBy: null };
}

export function reviseDelivery(current: Delivery, details: DeliveryDetails): Revision<Delivery> {
  assertValidDetails(details);
  if (sameDetails(current, details)) return { value: current, changed: false };
  assertOpen(current);
  return { value: { ...current, ...details, version: current.version + 1 }, changed: true };
}

export function replaceDropoff(current: Delivery, dropoff: Coordinates): Revision<Delivery> {
  return reviseDelivery(current, { ...current, dropoff });
}

/** Confirming hands the delivery over: it becomes `delivered`, and its details are final from then on. */
export function confirmDelivery(current: Delivery, confirmation: Confirmation): Revision<Delivery> {
  assertValidConfirmation(confirmation);
  if (current.confirmation && sameConfirmation(current.confirmation, confirmation)) {
    return { value: current, changed: false };
  }
  return { value: { ...current, confirmation, status: "delivered", version: current.version + 1 }, changed: true };
}

/**
 * Hands a created delivery to a drone. Applying the same operation's dispatch again changes nothing, so a
 * worker that re-runs a step after a crash cannot apply the effect twice.
 */
export function dispatchDelivery(current: Delivery, operationId: string): Revision<Delivery> {
  if (current.dispatchedBy === operationId) return { value: current, changed: false };
  assertDispatchable(current);
  return {
    value: { ...current, status: "dispatched", dispatchedBy: operationId, version: current.version + 1 },
    changed: true,
  };
}

/** Only a created delivery can be dispatched: a dispatched one is on its way, a delivered one arrived. */
export function assertDispatchable(delivery: Delivery): void {
  if (delivery.status !== "created") throw new DeliveryNotDispatchableError(delivery.id, delivery.status);
}

function assertOpen(delivery: Delivery): void {
  if (delivery.status === "delivered") throw new DeliveryCompletedError(delivery.id);
}

export function assertValidDetails(details: DeliveryDetails): void {
  const violations = [
    ...coordinateViolations(details.pickup, "pickup"),
    ...coordinateViolations(details.dropoff, "dropoff"),
    ...packageViolations(details.packages),
  ];
  violations.push(...instantViolations(details.deadline, "deadline"));
  if (violations.length > 0) throw new DeliveryRuleViolatedError(violations);
}

/** A valid instant within the contract's window (the years 2000 to 2099, UTC). */
function instantViolations(instant: Date, name: string): Violation[] {
  if (Number.isNaN(instant.getTime())) return [{ path: [name], detail: "must be a valid instant" }];
  if (isWithinInstantWindow(instant)) return [];
  return [
    { path: [name], detail: `must be from ${INSTANT_WINDOW.from} up to, not including, ${INSTANT_WINDOW.until}` },
  ];
}

function coordinateViolations(point: Coordinates, name: string): Violation[] {
  const violations: Violation[] = [];
  if (!(Math.abs(point.latitude) <= 90))
    violations.push({ path: [name, "latitude"], detail: "must be within [-90, 90]" });
  if (!(Math.abs(point.longitude) <= 180)) {
    violations.push({ path: [name, "longitude"], detail: "must be within [-180, 180]" });
  }
  return violations;
}

function packageViolations(packages: readonly DeliveryPackage[]): Violation[] {
  if (packages.length === 0) return [{ path: ["packages"], detail: "a delivery carries at least one package" }];
  const violations: Violation[] = [];
  const seen = new Set<string>();
  packages.forEach((pkg, index) => {
    if (!(pkg.weightKg > PACKAGE_WEIGHT_KG.exclusiveMinimum))
      violations.push({ path: ["packages", index, "weightKg"], detail: "must be greater than 0" });
    else if (!(pkg.weightKg <= PACKAGE_WEIGHT_KG.maximum))
      violations.push({
        path: ["packages", index, "weightKg"],
        detail: `must be at most ${PACKAGE_WEIGHT_KG.maximum}`,
      });
    if (seen.has(pkg.id)) violations.push({ path: ["packages", index, "id"], detail: "package ids must be unique" });
    seen.add(pkg.id);
  });
  return violations;
}

function assertValidConfirmation(confirmation: Confirmation): void {
  const violations = instantViolations(confirmation.confirmedAt, "confirmedAt");
  if (violations.length > 0) throw new DeliveryRuleViolatedError(violations);
}

function sameDetails(a: DeliveryDetails, b: DeliveryDetails): boolean {
  return (
    a.ownerId === b.ownerId &&
    sameCoordinates(a.pickup, b.pickup) &&
    sameCoordinates(a.dropoff, b.dropoff) &&
    a.deadline.getTime() === b.deadline.getTime() &&
    a.expedited === b.expedited &&
    a.packages.length === b.packages.length &&
    a.packages.every((pkg, i) => samePackage(pkg, b.packages[i]))
  );
}

function sameCoordinates(a: Coordinates, b: Coordinates): boolean {
  return a.latitude === b.latitude && a.longitude === b.longitude;
}

function samePackage(a: DeliveryPackage, b: DeliveryPackage | undefined): boolean {
  return b !== undefined && a.id === b.id && a.size === b.size && a.weightKg === b.weightKg;
}

function sameConfirmation(a: Confirmation, b: Confirmation): boolean {
  return a.receivedBy === b.receivedBy && a.confirmedAt.getTime() === b.confirmedAt.getTime();
}
