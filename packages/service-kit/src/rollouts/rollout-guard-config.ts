import { z } from "zod";
import { integerFromEnv } from "../config/index.ts";
import type { ArmGuardSettings } from "./arm-guard.ts";

/** The variables of a service that rolls a port out through `rolloutSwitch`: spread into its config. */
export const rolloutGuardVariables = {
  ROLLOUT_GUARD_WINDOW_MS: integerFromEnv({ min: 1_000, max: 3_600_000 }).default(60_000),
  ROLLOUT_GUARD_MIN_CALLS: integerFromEnv({ min: 1, max: 100_000 }).default(10),
  /** Above this share of failed calls in the window, the new arm is stepped down. */
  ROLLOUT_GUARD_MAX_FAILURE_RATIO: z.coerce.number().gt(0).lt(1).default(0.2),
  ROLLOUT_GUARD_COOL_DOWN_MS: integerFromEnv({ min: 1_000, max: 86_400_000 }).default(120_000),
};

export function rolloutGuardSettingsOf(config: z.output<z.ZodObject<typeof rolloutGuardVariables>>): ArmGuardSettings {
  return {
    windowMs: config.ROLLOUT_GUARD_WINDOW_MS,
    minCalls: config.ROLLOUT_GUARD_MIN_CALLS,
    maxFailureRatio: config.ROLLOUT_GUARD_MAX_FAILURE_RATIO,
    coolDownMs: config.ROLLOUT_GUARD_COOL_DOWN_MS,
  };
}
