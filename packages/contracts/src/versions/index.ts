export type { ChangeUnit, WireObject, WirePath } from "../changes/change-unit.ts";
export { V1_PACKAGE_DEFAULTS } from "../changes/v1-to-v2/replace-package-ids-with-package-objects.ts";
export { renderChangelog } from "./changelog.ts";
export {
  API_VERSIONS,
  type ApiVersion,
  createVersionRegistry,
  parseVersionStates,
  type VersionRegistry,
  VersionRegistryError,
  type VersionState,
} from "./registry.ts";
export {
  downgradePath,
  downgradeResponse,
  NEWEST_MAJOR,
  upgradeRequest,
  VERSION_STEPS,
  type VersionStep,
} from "./version-chain.ts";
