import { changeUnit, replaceMember } from "@starter/service-kit/versions";
import { z } from "zod";

/** Version 1's flag: "yes" or "no", "no" when a request leaves it out. */
export const expeditedSchema = z.enum(["yes", "no"]);

export const turnExpeditedYesNoIntoBoolean = changeUnit<
  "delivery",
  { expedited: "yes" | "no" },
  { expedited: boolean }
>({
  resource: "delivery",
  name: "turn-expedited-yes-no-into-boolean",
  why: '"yes"/"no" strings invited "Yes", "true" and "1"; a JSON boolean has exactly two values.',
  toNewer: ({ expedited, ...rest }) => ({ ...rest, expedited: expedited === "yes" }),
  toOlder: ({ expedited, ...rest }) => ({ ...rest, expedited: expedited ? "yes" : "no" }),
  shapeToOlder: (shape, form) =>
    replaceMember(shape, "expedited", {
      expedited: form === "request" ? expeditedSchema.default("no") : expeditedSchema,
    }),
});
