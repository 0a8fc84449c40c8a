import { describe, expect, it } from "vitest";
import { DeliveryCompletedError, DeliveryRuleViolatedError } from "./delivery.errors.ts";
import {
  confirmDelivery,
  createDelivery,
  type DeliveryDetails,
  dispatchDelivery,
  replaceDropoff,
  reviseDelivery,
} from "./delivery.ts";

const details: DeliveryDetails = {
  ownerId: "u-42",
  pickup: { latitude: 47.6205, longitude: -122.3493 },
  dropoff: { latitude: 47.6097, longitude: -122.3331 },
  deadline: new Date("2026-12-01T10:00:00Z"),
  expedited: false,
  packages: [{ id: "p-1", size: "small", weightKg: 1.2 }],
};

function violationsOf(action: () => unknown): string[] {
  try {
    action();
  } catch (error) {
    if (error instanceof DeliveryRuleViolatedError) return error.violations.map((v) => v.path.join("/"));
    throw error;
  }
  return [];
}

describe("the Delivery aggregate", () => {
  it("When a delivery is created, then it starts as created at version 1 without a confirmation", () => {
    expect(createDelivery("d-1", details)).toMatchObject({
      id: "d-1",
      status: "created",
      version: 1,
      confirmation: null,
    });
  });

  it("When coordinates are out of range, then every broken coordinate is named", () => {
    const bad = {
      ...details,
      pickup: { latitude: -90.5, longitude: 180.1 },
      dropoff: { latitude: 90, longitude: -180 },
    };

    expect(violationsOf(() => createDelivery("d-1", bad))).toEqual(["pickup/latitude", "pickup/longitude"]);
  });

  it("When a coordinate is not a number at all, then it is refused rather than stored", () => {
    const bad = { ...details, dropoff: { latitude: Number.NaN, longitude: 0 } };

    expect(violationsOf(() => createDelivery("d-1", bad))).toEqual(["dropoff/latitude"]);
  });

  it("When there are no packages, a weight that is not positive, or a repeated package id, then each is named", () => {
    expect(violationsOf(() => createDelivery("d-1", { ...details, packages: [] }))).toEqual(["packages"]);
    const packages = [
      { id: "p-1", size: "small" as const, weightKg: 0 },
      { id: "p-1", size: "large" as const, weightKg: -1 },
    ];
    expect(violationsOf(() => createDelivery("d-1", { ...details, packages }))).toEqual([
      "packages/0/weightKg",
      "packages/1/weightKg",
      "packages/1/id",
    ]);
  });

  it("When the deadline is not a valid instant, then it is named", () => {
    expect(violationsOf(() => createDelivery("d-1", { ...details, deadline: new Date("nope") }))).toEqual(["deadline"]);
  });

  it("When a revision carries the same details, then nothing changes and the version stays", () => {
    const delivery = createDelivery("d-1", details);
    const revision = reviseDelivery(delivery, { ...details, packages: [{ id: "p-1", size: "small", weightKg: 1.2 }] });

    expect(revision).toEqual({ value: delivery, changed: false });
  });

  it("When a revision changes a detail, then the version moves on by one", () => {
    const revision = reviseDelivery(createDelivery("d-1", details), { ...details, expedited: true });

    expect(revision.changed).toBe(true);
    expect(revision.value).toMatchObject({ expedited: true, version: 2 });
  });

  it("When the dropoff is replaced, then only the dropoff changes", () => {
    const revision = replaceDropoff(createDelivery("d-1", details), { latitude: 1, longitude: 2 });

    expect(revision.value).toEqual({
      ...createDelivery("d-1", details),
      dropoff: { latitude: 1, longitude: 2 },
      version: 2,
    });
  });

  it("When a delivery is confirmed, then it is delivered; the same confirmation again changes nothing", () => {
    const confirmation = { receivedBy: "Ada", confirmedAt: new Date("2026-11-30T12:00:00Z") };
    const confirmed = confirmDelivery(createDelivery("d-1", details), confirmation).value;

    expect(confirmed).toMatchObject({ status: "delivered", version: 2, confirmation });
    expect(confirmDelivery(confirmed, { ...confirmation, confirmedAt: new Date(confirmation.confirmedAt) })).toEqual({
      value: confirmed,
      changed: false,
    });
  });

  it("When the same operation dispatches twice (a re-run after a crash), then the second changes nothing", () => {
    const dispatched = dispatchDelivery(createDelivery("d-1", details), "op-1").value;

    expect(dispatched).toMatchObject({ status: "dispatched", version: 2, dispatchedBy: "op-1" });
    expect(dispatchDelivery(dispatched, "op-1")).toEqual({ value: dispatched, changed: false });
    expect(() => dispatchDelivery(dispatched, "op-2")).toThrow(/only a created delivery can be dispatched/);
  });

  it("When a delivered delivery is revised, then it is refused; an identical revision is still a no-op", () => {
    const confirmation = { receivedBy: "Ada", confirmedAt: new Date("2026-11-30T12:00:00Z") };
    const delivered = confirmDelivery(createDelivery("d-1", details), confirmation).value;

    expect(() => reviseDelivery(delivered, { ...details, expedited: true })).toThrow(DeliveryCompletedError);
    expect(reviseDelivery(delivered, details).changed).toBe(false);
  });
});
