import type { ParsedUrlQuery } from "node:querystring";
import { InvalidRequestError, type Violation } from "../errors/index.ts";

/**
 * The query string as single values. A parameter given twice (`?status=a&status=b`) is ambiguous, and
 * frameworks disagree on which one wins, so it is refused rather than guessed.
 */
export function singleValuedQuery(query: ParsedUrlQuery): Record<string, string> {
  const values: Record<string, string> = {};
  const repeated: Violation[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (Array.isArray(value)) repeated.push({ path: [name], detail: "must be given once" });
    else if (value !== undefined) values[name] = value;
  }
  if (repeated.length > 0) throw new InvalidRequestError("a query parameter was given more than once", repeated);
  return values;
}
