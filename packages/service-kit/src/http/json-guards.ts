import type { Violation } from "../errors/index.ts";

export type JsonGuardOptions = { readonly maxDepth: number };

/** Keys that would reach the prototype chain of a plain object. */
const PROTOTYPE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Finds what a parsed JSON value must not contain before anything else sees it: keys that MongoDB
 * treats as operators or paths (`$...`, `a.b`), prototype-polluting keys, numbers that are not finite
 * (`1e999` parses to Infinity), and nesting deeper than the limit. Returns the first few violations.
 */
export function findJsonViolations(value: unknown, options: JsonGuardOptions): Violation[] {
  const violations: Violation[] = [];
  visit(value, [], options.maxDepth, violations);
  return violations.slice(0, 10);
}

/** `path` is one array pushed and popped along the walk (it runs on every body); a violation copies it. */
function visit(value: unknown, path: (string | number)[], depthLeft: number, out: Violation[]): void {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) out.push({ path: [...path], detail: "numbers must be finite" });
    return;
  }
  if (typeof value !== "object" || value === null) return;
  if (depthLeft <= 0) {
    out.push({ path: [...path], detail: "nesting is deeper than allowed" });
    return;
  }
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      path.push(index);
      visit(value[index], path, depthLeft - 1, out);
      path.pop();
    }
    return;
  }
  for (const key of Object.keys(value)) {
    path.push(key);
    const keyProblem = problemWithKey(key);
    if (keyProblem) out.push({ path: [...path], detail: keyProblem });
    else visit((value as Record<string, unknown>)[key], path, depthLeft - 1, out);
    path.pop();
  }
}

function problemWithKey(key: string): string | undefined {
  if (key.startsWith("$")) return "keys must not start with '$'";
  if (key.includes(".")) return "keys must not contain '.'";
  if (PROTOTYPE_KEYS.has(key)) return `'${key}' is not allowed as a key`;
  return undefined;
}
