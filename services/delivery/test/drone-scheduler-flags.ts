import { DRONE_SCHEDULER_FLAG } from "../src/drones/drone-scheduler.flag.ts";

/** The flag as an operator sets it: `percent` of the deliveries to the next scheduler (flagd's fractional). */
export function flagDefinition(percent: number): string {
  return JSON.stringify({
    flags: {
      [DRONE_SCHEDULER_FLAG]: {
        state: "ENABLED",
        variants: { current: "current", next: "next" },
        defaultVariant: "current",
        targeting: {
          fractional: [
            ["current", 100 - percent],
            ["next", percent],
          ],
        },
      },
    },
  });
}
