import type { ChangeUnit } from "../change-unit.ts";

export const turnExpeditedYesNoIntoBoolean: ChangeUnit = {
  name: "turn-expedited-yes-no-into-boolean",
  why: '"yes"/"no" strings invited "Yes", "true" and "1"; a JSON boolean has exactly two values.',
  up: ({ expedited, ...rest }) => ({ ...rest, expedited: expedited === "yes" }),
  down: ({ expedited, ...rest }) => ({ ...rest, expedited: expedited === true ? "yes" : "no" }),
};
