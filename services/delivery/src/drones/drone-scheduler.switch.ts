import type { Logger } from "@starter/service-kit/logging";
import type { Registry } from "@starter/service-kit/metrics";
import { type ArmGuardSettings, rolloutSwitch } from "@starter/service-kit/rollouts";
import { DRONE_SCHEDULER_FLAG } from "./drone-scheduler.flag.ts";
import type { DroneScheduler, DroneSchedulerName } from "./drone-scheduler.ts";

/**
 * One DroneScheduler over two implementations: `choose` names the one that books each delivery (a flag,
 * stable per delivery id). The `next` scheduler is watched: when it fails too often its share goes back to
 * `current` until a trial call after the cool-down succeeds. Every booking is counted and logged by the
 * scheduler that served it.
 */
export function switchedDroneScheduler(options: {
  implementations: Readonly<Record<DroneSchedulerName, DroneScheduler>>;
  choose: (deliveryId: string) => Promise<DroneSchedulerName>;
  guard: ArmGuardSettings;
  metrics: Registry | false;
  log: Logger;
  now?: () => number;
}): DroneScheduler {
  const rollout = rolloutSwitch<DroneSchedulerName>({
    port: "drone-scheduler",
    flag: DRONE_SCHEDULER_FLAG,
    stable: "current",
    candidate: "next",
    choose: options.choose,
    guard: options.guard,
    metrics: options.metrics,
    log: options.log,
    ...(options.now && { now: options.now }),
  });
  const { current, next } = options.implementations;
  return {
    book: (deliveryId, signal) =>
      rollout.call(deliveryId, {
        current: () => current.book(deliveryId, signal),
        next: () => next.book(deliveryId, signal),
      }),
  };
}
