export { type ArmGuard, type ArmGuardSettings, type ArmGuardState, armGuard } from "./arm-guard.ts";
export { rolloutGuardSettingsOf, rolloutGuardVariables } from "./rollout-guard-config.ts";
export { type RolloutSwitch, type RolloutSwitchOptions, rolloutSwitch } from "./rollout-switch.ts";
