import { randomUUID } from "node:crypto";

/** An id no other test uses, so tests own their records and run in parallel without wiping anything. */
export function uniqueId(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}
