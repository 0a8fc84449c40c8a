import { changeUnit } from "@starter/service-kit/versions";

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
});
