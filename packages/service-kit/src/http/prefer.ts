/**
 * The preferences of a `Prefer` header (RFC 7240) that an endpoint able to answer either synchronously or
 * asynchronously honours. Unknown preferences are ignored, as the RFC asks.
 */
export type AsyncPreferences = Readonly<{
  respondAsync: boolean;
  /** Seconds the client is willing to wait for a synchronous answer, capped; 0 when not given. */
  waitSeconds: number;
}>;

export function parseAsyncPreferences(header: string | undefined, maxWaitSeconds: number): AsyncPreferences {
  let respondAsync = false;
  let waitSeconds = 0;
  for (const preference of (header ?? "").split(",")) {
    const [token = "", value] = (preference.split(";")[0] ?? "").split("=").map((part) => part.trim().toLowerCase());
    if (token === "respond-async") respondAsync = true;
    if (token === "wait" && value !== undefined && /^\d+$/.test(value))
      waitSeconds = Math.min(Number(value), maxWaitSeconds);
  }
  return { respondAsync, waitSeconds };
}
