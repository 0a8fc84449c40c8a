import type { ChangeUnit } from "../change-unit.ts";

export const addVersionAndLinks: ChangeUnit = {
  name: "add-version-and-links",
  why: "Clients needed the version to reason about ETags, and links to reach the dropoff and confirmation without building URLs themselves.",
  up: (request) => request,
  down: ({ version: _version, _links, ...rest }) => rest,
};
