import { changeUnit, replaceMember } from "@starter/service-kit/versions";
import { z } from "zod";
import type { Priority } from "../../v3/delivery.ts";

export const replaceExpeditedFlagWithPriority = changeUnit<"delivery", { expedited: boolean }, { priority: Priority }>({
  resource: "delivery",
  name: "replace-expedited-flag-with-priority",
  why: "A yes/no flag cannot grow: a same-day service is planned, and a third speed would have needed yet another major. `priority` is a list of named speeds that can gain one within the major; a client reads a value it does not know as `standard`.",
  toNewer: ({ expedited, ...rest }) => ({ ...rest, priority: expedited ? "expedited" : "standard" }),
  // Any priority faster than standard is what version 2 called expedited.
  toOlder: ({ priority, ...rest }) => ({ ...rest, expedited: priority !== "standard" }),
  pathToOlder: (path) => (path[0] === "priority" ? ["expedited", ...path.slice(1)] : path),
  shapeToOlder: (shape, form) =>
    replaceMember(shape, "priority", { expedited: form === "request" ? z.boolean().default(false) : z.boolean() }),
});
