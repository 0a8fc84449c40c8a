/** Builds a JSON Pointer (RFC 6901) from a path: `["dropoff", "latitude"]` -> `/dropoff/latitude`. */
export function toJsonPointer(path: readonly PropertyKey[]): string {
  return path.map((segment) => `/${String(segment).replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");
}
