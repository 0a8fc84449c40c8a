import type { FeatureFlagClient } from "@starter/service-kit/flags";
import { DRONE_SCHEDULERS, type DroneSchedulerName } from "./drone-scheduler.ts";

/** The flag's key in the flag definitions (docker/k8s/base/delivery/flags.json). */
export const DRONE_SCHEDULER_FLAG = "drone-scheduler";

/**
 * Which drone scheduler books a delivery, from the flag `drone-scheduler` with the delivery's id as the
 * targeting key: a percentage rollout there (flagd's `fractional`) puts each id in a stable bucket, so an id
 * stays on its side while the percentage holds and raising it only moves ids from current to next. An
 * unknown answer, or no flag at all, is `current`.
 */
export function droneSchedulerByFlag(flags: FeatureFlagClient): (deliveryId: string) => Promise<DroneSchedulerName> {
  return async (deliveryId) => {
    const value = await flags.getStringValue(DRONE_SCHEDULER_FLAG, "current", { targetingKey: deliveryId });
    return DRONE_SCHEDULERS.find((name) => name === value) ?? "current";
  };
}
