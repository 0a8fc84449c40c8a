import { changeUnit, renameMember } from "@starter/service-kit/versions";

export const renameOwnerToOwnerId = changeUnit<"delivery", { owner: string }, { ownerId: string }>({
  resource: "delivery",
  name: "rename-owner-to-owner-id",
  why: "`owner` held an id, not an owner: every other reference to another resource is named `...Id`.",
  toNewer: ({ owner, ...rest }) => ({ ...rest, ownerId: owner }),
  toOlder: ({ ownerId, ...rest }) => ({ ...rest, owner: ownerId }),
  pathToOlder: (path) => (path[0] === "ownerId" ? ["owner", ...path.slice(1)] : path),
  shapeToOlder: (shape) => renameMember(shape, "ownerId", "owner"),
});
