/**
 * House rule no-inline-component-copy: a schema written out in full where the document has an equal
 * component. A generated client then gets two types for one thing, and the copy drifts from the component.
 * Runs on the unresolved document (`resolved: false`), so a `$ref` is never taken for a copy.
 */
export default function noInlineComponentCopy(document) {
  const components = Object.entries(document?.components?.schemas ?? {});
  const componentOf = new Map(components.map(([name, schema]) => [canonical(schema), name]));
  const results = [];
  const visit = (value, path, isComponentRoot = false) => {
    if (value === null || typeof value !== "object") return;
    const name = isComponentRoot ? undefined : componentOf.get(canonical(value));
    if (name !== undefined) {
      results.push({ message: `an inline copy of #/components/schemas/${name}; use a $ref`, path });
      return;
    }
    for (const [key, child] of Object.entries(value)) visit(child, [...path, key]);
  };
  visit(document?.paths, ["paths"]);
  for (const [name, schema] of components) visit(schema, ["components", "schemas", name], true);
  return results;
}

/** JSON with object keys sorted: equal schemas written in another order are still equal. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(",")}}`;
}
