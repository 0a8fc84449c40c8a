import type { ChangeUnit } from "@starter/service-kit/versions";
import { replaceExpeditedFlagWithPriority } from "./replace-expedited-flag-with-priority.ts";

/** Version 2 -> 3 of the delivery resource, applied in this order going up and in reverse going down. */
export const v2ToV3 = [replaceExpeditedFlagWithPriority] as const satisfies readonly ChangeUnit<"delivery">[];
