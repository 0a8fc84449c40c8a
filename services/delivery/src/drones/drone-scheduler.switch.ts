import type { Logger } from "@starter/service-kit/logging";
import type { DroneScheduler, DroneSchedulerName } from "./drone-scheduler.ts";

/**
 * One DroneScheduler over two implementations: `choose` names the one that books each delivery (a flag,
 * stable per delivery id), and every booking logs which one served it.
 */
export function switchedDroneScheduler(options: {
  implementations: Readonly<Record<DroneSchedulerName, DroneScheduler>>;
  choose: (deliveryId: string) => Promise<DroneSchedulerName>;
  log: Logger;
}): DroneScheduler {
  return {
    book: async (deliveryId, signal) => {
      const droneScheduler = await options.choose(deliveryId);
      options.log.info({ deliveryId, droneScheduler }, `drone booked through the ${droneScheduler} scheduler`);
      await options.implementations[droneScheduler].book(deliveryId, signal);
    },
  };
}
