import { createHash } from "node:crypto";
import canonicalize from "canonicalize";

export type FingerprintInput = Readonly<{ method: string; path: string; apiMajor: number; body: unknown }>;

/**
 * What makes two requests "the same request" for an Idempotency-Key: method, path, API version and the
 * body in its canonical JSON form (RFC 8785), so member order and spacing do not matter.
 */
export function requestFingerprint(input: FingerprintInput): string {
  const canonical = canonicalize({ ...input, body: input.body ?? null }) ?? "";
  return createHash("sha256").update(canonical).digest("base64url");
}
