import { AsyncLocalStorage } from "node:async_hooks";
import type { Deadline } from "./deadline.ts";

/**
 * The deadline of the request being served, carried by its async context: the write engine and the kit's
 * database adapters read it here, so no use case has to hand it down through every call. Outside a request
 * (a worker, a sweeper, start-up) there is none and nothing is bounded by it.
 */
const storage = new AsyncLocalStorage<Deadline>();

export function runWithDeadline<T>(deadline: Deadline, run: () => T): T {
  return storage.run(deadline, run);
}

export function currentDeadline(): Deadline | undefined {
  return storage.getStore();
}

/** Options that cancel a database call or a fetch at the current request's deadline (none outside a request). */
export function deadlineSignal(): { signal?: AbortSignal } {
  const deadline = storage.getStore();
  return deadline ? { signal: deadline.signal } : {};
}

/**
 * Waits for a call that takes no signal (a library's own store call) no longer than the current request's
 * deadline: then it fails with the deadline's error (a 503), while the call itself runs on to its end.
 */
export async function untilDeadline<T>(call: Promise<T>): Promise<T> {
  const signal = storage.getStore()?.signal;
  if (!signal) return call;
  signal.throwIfAborted();
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    return await Promise.race([call, aborted]);
  } finally {
    if (onAbort) signal.removeEventListener("abort", onAbort);
  }
}
