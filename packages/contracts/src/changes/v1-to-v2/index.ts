import type { ChangeUnit } from "@starter/service-kit/versions";
import { addVersionAndLinks } from "./add-version-and-links.ts";
import { renameOwnerToOwnerId } from "./rename-owner-to-owner-id.ts";
import { replacePackageIdsWithPackageObjects } from "./replace-package-ids-with-package-objects.ts";
import { splitLocationStringsIntoCoordinates } from "./split-location-strings-into-coordinates.ts";
import { turnExpeditedYesNoIntoBoolean } from "./turn-expedited-yes-no-into-boolean.ts";

/** Version 1 -> 2 of the delivery resource, applied in this order going up and in reverse going down. */
export const v1ToV2 = [
  renameOwnerToOwnerId,
  splitLocationStringsIntoCoordinates,
  turnExpeditedYesNoIntoBoolean,
  replacePackageIdsWithPackageObjects,
  addVersionAndLinks,
] as const satisfies readonly ChangeUnit<"delivery">[];
