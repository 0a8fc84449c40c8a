import type { ChangeUnit } from "../change-unit.ts";

export const renameOwnerToOwnerId: ChangeUnit = {
  name: "rename-owner-to-owner-id",
  why: "`owner` held an id, not an owner: every other reference to another resource is named `...Id`.",
  up: ({ owner, ...rest }) => ({ ...rest, ownerId: owner }),
  down: ({ ownerId, ...rest }) => ({ ...rest, owner: ownerId }),
  downPath: (path) => (path[0] === "ownerId" ? ["owner", ...path.slice(1)] : path),
};
