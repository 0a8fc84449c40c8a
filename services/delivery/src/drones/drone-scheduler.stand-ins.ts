import { setTimeout as sleep } from "node:timers/promises";
import type { DroneScheduler } from "./drone-scheduler.ts";

/*
 * Local stand-ins for the two providers (no outside system is reachable from the template): each takes
 * `workMs`, the slow part of a dispatch. Replace them with the adapters of your real providers.
 */

/** The provider in use today: one call that books the drone. */
export function currentDroneScheduler(workMs: number): DroneScheduler {
  return { book: (_deliveryId, signal) => sleep(workMs, undefined, { signal }) };
}

/** The provider replacing it: a reservation, then its confirmation. */
export function nextDroneScheduler(workMs: number): DroneScheduler {
  return {
    book: async (_deliveryId, signal) => {
      await sleep(workMs / 2, undefined, { signal });
      await sleep(workMs / 2, undefined, { signal });
    },
  };
}
