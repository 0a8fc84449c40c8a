/** Builds a JSON Pointer (RFC 6901) from a path: `["dropoff", "latitude"]` -> `/dropoff/latitude`. */
export function toJsonPointer(path: readonly PropertyKey[]): string {
  return path.map((segment) => `/${String(segment).replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");
}

/** The path a JSON Pointer names: `/packages/0/id` -> `["packages", "0", "id"]` (segments stay strings). */
export function fromJsonPointer(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"));
}
