import { setTimeout as sleep } from "node:timers/promises";

/** How a long operation ended, as its status resource says. */
export type OperationEnd =
  | { readonly kind: "succeeded"; readonly resource: string }
  | { readonly kind: "failed" | "canceled"; readonly body: unknown };

export type AwaitOptions = Readonly<{
  /** Gives up after this long (the operation goes on; poll again later). */
  timeoutMs?: number;
  fetch?: typeof fetch;
}>;

/**
 * Follows a long operation from the 202's `Location` until it is over: 303 to the resource it changed, or
 * its final state with the problem. Waits what each answer's Retry-After asks (1 s when it says nothing).
 */
export async function awaitOperation(
  baseUrl: string,
  location: string,
  options: AwaitOptions = {},
): Promise<OperationEnd> {
  const send = options.fetch ?? fetch;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    const response = await send(new URL(location, baseUrl), { redirect: "manual" });
    if (response.status === 303) {
      await response.arrayBuffer();
      return { kind: "succeeded", resource: response.headers.get("Location") ?? "" };
    }
    const body = (await response.json()) as { status?: string };
    if (response.status !== 200) throw new Error(`${location} answered ${response.status}`);
    if (body.status === "failed" || body.status === "canceled") return { kind: body.status, body };
    await sleep(Number(response.headers.get("Retry-After") ?? 1) * 1_000);
  }
  throw new Error(`${location} was not over within the time given`);
}
