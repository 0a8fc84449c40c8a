import { changeUnit, replaceMember } from "@starter/service-kit/versions";
import { z } from "zod";
import { resourceIdSchema } from "../../common/fields.ts";

type PackageObject = { id: string; size: string; weightKg: number };

/**
 * What version 2 assumes for a package it first hears of from a version 1 client, which cannot say.
 * Documented in the changelog; a version 2 client can correct it with its own PUT.
 */
export const V1_PACKAGE_DEFAULTS = { size: "small", weightKg: 1 } as const;

const packageIds = z.array(resourceIdSchema);
const packageIdsInput = packageIds
  .max(100)
  .meta({ minItems: 1, uniqueItems: true, description: "At least one package, each id once, or a 422." });

export const replacePackageIdsWithPackageObjects = changeUnit<
  "delivery",
  { packageIds: string[] },
  { packages: PackageObject[] }
>({
  resource: "delivery",
  name: "replace-package-ids-with-package-objects",
  why: `Drones need each package's size and weight to plan a flight, which a list of ids cannot carry. A v1 update keeps what v2 knows of a package it keeps; a package new to v2 gets size "${V1_PACKAGE_DEFAULTS.size}" and ${V1_PACKAGE_DEFAULTS.weightKg} kg.`,
  toNewer: ({ packageIds, ...rest }, current) => {
    const known = new Map((current?.packages ?? []).map((pkg) => [pkg.id, pkg]));
    return { ...rest, packages: packageIds.map((id) => known.get(id) ?? { id, ...V1_PACKAGE_DEFAULTS }) };
  },
  toOlder: ({ packages, ...rest }) => ({ ...rest, packageIds: packages.map((pkg) => pkg.id) }),
  pathToOlder: (path) => (path[0] === "packages" ? ["packageIds", ...path.slice(1, 2)] : path),
  shapeToOlder: (shape, form) =>
    replaceMember(shape, "packages", { packageIds: form === "request" ? packageIdsInput : packageIds }),
});
