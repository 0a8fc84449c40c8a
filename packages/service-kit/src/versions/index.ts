export {
  type ChangeUnit,
  changeUnit,
  type Downgraded,
  renameMember,
  replaceMember,
  type SchemaForm,
  type SchemaShape,
  type TypedChangeUnit,
  type WireObject,
  type WirePath,
} from "./change-unit.ts";
export { renderChangelog, type WithinMajorChange } from "./changelog.ts";
export {
  type ApiVersion,
  type Brownout,
  type ContractVersion,
  contractVersionOf,
  createVersionRegistry,
  parseBrownouts,
  parseContractVersion,
  parseVersionStates,
  type VersionPhase,
  type VersionRegistry,
  VersionRegistryError,
  type VersionRegistryOptions,
  type VersionState,
} from "./registry.ts";
export { type VersionChain, VersionChainError, type VersionStep, versionChain } from "./version-chain.ts";
