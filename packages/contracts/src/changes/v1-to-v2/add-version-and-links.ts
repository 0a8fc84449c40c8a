import { changeUnit, replaceMember } from "@starter/service-kit/versions";

/** Read-only members of the response: a request has neither, so going up adds nothing. */
export const addVersionAndLinks = changeUnit<"delivery", Record<never, never>, { version?: number; _links?: object }>({
  resource: "delivery",
  name: "add-version-and-links",
  why: "Clients needed the version to reason about ETags, and links to reach the dropoff and confirmation without building URLs themselves.",
  toNewer: (request) => request,
  toOlder: ({ version: _version, _links, ...rest }) => rest,
  shapeToOlder: (shape) => replaceMember(replaceMember(shape, "version", {}), "_links", {}),
});
