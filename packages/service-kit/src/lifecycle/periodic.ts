import type { Logger } from "../logging/index.ts";
import type { Started } from "./lifecycle.ts";

/**
 * Runs a task every `intervalMs` (never two at once) until stopped; a failing run is logged and the next
 * one still happens. For housekeeping such as deleting expired records where the server has no TTL.
 */
export async function periodic(
  name: string,
  task: () => Promise<unknown>,
  options: { intervalMs: number; log: Logger },
): Promise<Started<void>> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running
      .then(task)
      .catch((error: unknown) => options.log.error({ err: error, task: name }, "periodic task failed"));
  }, options.intervalMs);
  timer.unref();
  return {
    value: undefined,
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
