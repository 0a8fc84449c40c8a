import type { z } from "zod";
import { InvalidRequestError } from "../errors/index.ts";

/** Parses input with a contract schema; a mismatch becomes a 400 that points at every bad member. */
export function parseRequest<Schema extends z.ZodType>(schema: Schema, input: unknown, what: string): z.output<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const violations = result.error.issues.map((issue) => ({
    path: issue.path.map((segment) => (typeof segment === "symbol" ? String(segment) : segment)),
    detail: issue.message,
  }));
  throw new InvalidRequestError(`the ${what} does not match the contract`, violations);
}
