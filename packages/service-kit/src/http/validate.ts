import type { z } from "zod";
import { InvalidRequestError, type Violation } from "../errors/index.ts";

/** Parses input with a contract schema; a mismatch becomes a 400 that points at every bad member. */
export function parseRequest<Schema extends z.ZodType>(schema: Schema, input: unknown, what: string): z.output<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new InvalidRequestError(`the ${what} does not match the contract`, result.error.issues.flatMap(toViolations));
}

function toViolations(issue: z.core.$ZodIssue): Violation[] {
  const path = issue.path.map((segment) => (typeof segment === "symbol" ? String(segment) : segment));
  // zod reports unknown keys once, at their parent; a pointer per key says exactly what to remove.
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({ path: [...path, key], detail: "is not a known parameter" }));
  }
  return [{ path, detail: issue.message }];
}
