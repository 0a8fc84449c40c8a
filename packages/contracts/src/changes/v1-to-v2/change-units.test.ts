import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as v1 from "../../v1/index.ts";
import * as v2 from "../../v2/index.ts";
import { deliveryVersions } from "../../versions/index.ts";
import { v1ToV2 } from "./index.ts";
import { V1_PACKAGE_DEFAULTS } from "./replace-package-ids-with-package-objects.ts";
import { resourceId, v1Request } from "./v1-arbitraries.ts";

const parsedV1Request = v1Request.map((raw) => v1.deliveryInputSchema.parse(raw));
/** The step under test: versions 1 and 2, whatever majors come later. */
const v1AndV2 = deliveryVersions.upTo(2);

describe("the change units from version 1 to 2", () => {
  it.each(v1ToV2.map((unit) => [unit.name, unit] as const))(
    "When %s takes any valid v1 request up and back down, then the request is unchanged",
    (_, unit) => {
      fc.assert(
        fc.property(parsedV1Request, (request) => {
          expect(unit.toOlder(unit.toNewer(request, undefined))).toEqual(request);
        }),
      );
    },
  );

  it("When the whole chain takes any valid v1 request up to the newest major and back down, then it is unchanged", () => {
    fc.assert(
      fc.property(parsedV1Request, (request) => {
        expect(deliveryVersions.toOlder(deliveryVersions.toNewer(request, 1), 1)).toEqual(request);
      }),
    );
  });

  it("When any valid v1 request goes up, then it is a valid v2 request", () => {
    fc.assert(
      fc.property(parsedV1Request, (request) => {
        expect(v2.deliveryInputSchema.strict().safeParse(v1AndV2.toNewer(request, 1)).success).toBe(true);
      }),
    );
  });

  it("When a v1 update keeps some packages, then what only v2 knows of them (size, weight) survives", () => {
    const stored = fc.uniqueArray(
      fc.record({
        id: resourceId,
        size: fc.constantFrom(...v2.packageSizeSchema.options),
        weightKg: fc.double({ min: 0.01, max: 500, noNaN: true }),
      }),
      { selector: (pkg) => pkg.id, minLength: 1, maxLength: 6 },
    );
    fc.assert(
      fc.property(parsedV1Request, stored, (request, packages) => {
        const kept = packages.filter((_, i) => i % 2 === 0).map((pkg) => pkg.id);
        const update = { ...request, packageIds: [...kept, ...request.packageIds.filter((id) => !kept.includes(id))] };
        const upgraded = v1AndV2.toNewer(update, 1, { packages }) as { packages: v2.Package[] };

        for (const pkg of packages.filter((p) => kept.includes(p.id))) {
          expect(upgraded.packages).toContainEqual(pkg);
        }
        for (const pkg of upgraded.packages.filter((p) => !packages.some((s) => s.id === p.id))) {
          expect(pkg).toEqual({ id: pkg.id, ...V1_PACKAGE_DEFAULTS });
        }
        expect(upgraded.packages.map((p) => p.id)).toEqual(update.packageIds);
      }),
    );
  });

  it("When a v2 response goes down, then it is a valid v1 response", () => {
    const response: v2.Delivery = {
      id: "d-1",
      ownerId: "u-42",
      pickup: { latitude: 47.6205, longitude: -122.3493 },
      dropoff: { latitude: -33.5, longitude: 151 },
      deadline: "2026-12-01T10:00:00.000Z",
      expedited: true,
      packages: [{ id: "p-1", size: "large", weightKg: 3 }],
      status: "dispatched",
      version: 4,
      _links: { self: { href: "/v2/deliveries/d-1" }, confirmation: { href: "x" }, dropoff: { href: "y" } },
    };

    expect(v1.deliverySchema.strict().parse(v1AndV2.toOlder(response, 1))).toEqual({
      id: "d-1",
      owner: "u-42",
      pickupLocation: "47.6205,-122.3493",
      dropoffLocation: "-33.5,151",
      deadline: "2026-12-01T10:00:00.000Z",
      expedited: "yes",
      packageIds: ["p-1"],
      status: "dispatched",
    });
  });

  it.each([
    [["ownerId"], ["owner"]],
    [["pickup", "latitude"], ["pickupLocation"]],
    [["dropoff", "longitude"], ["dropoffLocation"]],
    [
      ["packages", 2, "weightKg"],
      ["packageIds", 2],
    ],
    [["deadline"], ["deadline"]],
  ])("When a v2 problem points at %j, then a v1 client is pointed at %j", (path, expected) => {
    expect(v1AndV2.pathToOlder(path, 1)).toEqual(expected);
  });
});

describe("the version 1 location format", () => {
  it.each([
    ["47.6205,-122.3493", "47.6205,-122.3493"],
    [" 47.60 , 8 ", "47.6,8"],
    ["-0,0.0", "0,0"],
  ])("When %j is sent, then it is read as %j", (text, canonical) => {
    expect(v1.locationSchema.parse(text)).toBe(canonical);
  });

  it.each(["47.6", "47.6;8", "north,east", "1e3,2"])("When %j is sent, then it is refused", (text) => {
    expect(v1.locationSchema.safeParse(text).success).toBe(false);
  });
});
