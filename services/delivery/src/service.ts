import { DELIVERY_API_VERSIONS } from "@starter/contracts/versions";
import { operationsConfig, operationsModule } from "@starter/operations/module";
import { integerFromEnv } from "@starter/service-kit/config";
import { rolloutGuardSettingsOf, rolloutGuardVariables } from "@starter/service-kit/rollouts";
import { defineService } from "@starter/service-kit/service";
import { z } from "zod";
import { dispatchKind } from "./deliveries/delivery.dispatch.ts";
import { deliveriesModule } from "./deliveries/delivery.module.ts";
import { droneSchedulerByFlag } from "./drones/drone-scheduler.flag.ts";
import { currentDroneScheduler, nextDroneScheduler } from "./drones/drone-scheduler.stand-ins.ts";
import { switchedDroneScheduler } from "./drones/drone-scheduler.switch.ts";

/**
 * The delivery service: the Delivery aggregate in two API majors, and its dispatch, a long operation that
 * books a drone through whichever scheduler the flag `drone-scheduler` picks.
 */
export const delivery = defineService({
  name: "delivery",
  config: {
    port: 3000,
    dbName: "delivery",
    variables: {
      ...operationsConfig,
      ...rolloutGuardVariables,
      /** The slow part of a dispatch; tests and demos hold operations open with it. */
      DISPATCH_DURATION_MS: integerFromEnv({ min: 0, max: 600_000 }).default(2_000),
      /**
       * `optional` processes a dispatch without a key too, unprotected against retries: for clients that cannot
       * send one, and how the benchmark measures what the key costs.
       */
      DISPATCH_IDEMPOTENCY_KEY: z.enum(["required", "optional"]).default("required"),
    },
  },
  api: { title: "Delivery API", versions: DELIVERY_API_VERSIONS },
  modules: (context) => {
    const { config, flags, logger, metrics } = context;
    const deliveries = deliveriesModule(context);
    const drones = switchedDroneScheduler({
      implementations: {
        current: currentDroneScheduler(config.DISPATCH_DURATION_MS),
        next: nextDroneScheduler(config.DISPATCH_DURATION_MS),
      },
      choose: droneSchedulerByFlag(flags),
      guard: rolloutGuardSettingsOf(config),
      metrics,
      log: logger,
    });
    const operations = operationsModule(context, {
      kinds: [dispatchKind(deliveries.service, drones)],
      statusPath: "/v2/operations",
      idempotencyKeyRequired: config.DISPATCH_IDEMPOTENCY_KEY === "required",
    });
    return [deliveries, operations];
  },
});
