import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";

export type RetryOptions = Readonly<{ attempts?: number; delayMs?: number; key?: string }>;

/**
 * Sends a request that starts something (a POST) with an Idempotency-Key, and sends it again with the same
 * key when another try is safe and may help: no answer at all, a 503, or a 409 saying the first try is still
 * in flight. The server answers a retried key with the first try's outcome, never a second operation.
 */
export async function withIdempotencyKey<Result extends { response: Response; error?: unknown }>(
  send: (idempotencyKey: string) => Promise<Result>,
  options: RetryOptions = {},
): Promise<Result> {
  const key = options.key ?? randomUUID();
  const attempts = options.attempts ?? 3;
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await send(key);
      if (attempt >= attempts || !retryable(result)) return result;
    } catch (error) {
      if (attempt >= attempts) throw error;
    }
    await sleep((options.delayMs ?? 200) * attempt);
  }
}

const IN_FLIGHT = "urn:problem-type:idempotency.in_flight";

/** openapi-fetch puts an error answer's parsed body in `error`: for a 409, its problem type says which. */
function retryable({ response, error }: { response: Response; error?: unknown }): boolean {
  if (response.status === 503) return true;
  return response.status === 409 && (error as { type?: unknown } | undefined)?.type === IN_FLIGHT;
}
