export {
  type FeatureFlagClient,
  type FeatureFlagOptions,
  type FeatureFlags,
  startFeatureFlags,
} from "./start-feature-flags.ts";
