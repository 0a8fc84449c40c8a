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
  const preferences = preferencesOf(header);
  const wait = preferredWaitSeconds(header);
  return {
    respondAsync: preferences.has("respond-async"),
    waitSeconds: wait === undefined ? 0 : Math.min(wait, maxWaitSeconds),
  };
}

/**
 * The seconds of a `Prefer: wait=N`, uncapped; undefined when the header asks for no wait or gives one that is
 * not a whole number, so a caller can tell "no preference" (its own default applies) from `wait=0`.
 */
export function preferredWaitSeconds(header: string | undefined): number | undefined {
  const value = preferencesOf(header).get("wait");
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** Each preference's token (lower case) and value; the first of a token given twice wins (RFC 7240, 2). */
function preferencesOf(header: string | undefined): Map<string, string | undefined> {
  const preferences = new Map<string, string | undefined>();
  for (const preference of (header ?? "").split(",")) {
    const [token = "", value] = (preference.split(";")[0] ?? "").split("=").map((part) => part.trim().toLowerCase());
    if (token !== "" && !preferences.has(token)) preferences.set(token, value);
  }
  return preferences;
}
