export { type BuildInfo, buildInfoOf } from "./build-info.ts";
export { integerFromEnv, logFormatFromEnv, logLevelFromEnv, mongoUriFromEnv, portFromEnv } from "./env-schemas.ts";
export { ConfigError, loadConfig } from "./load-config.ts";
export { PLACEHOLDER_TOKEN_URL, type ServiceConfig, serviceConfigRules, serviceConfigShape } from "./service-config.ts";
export { ASYMMETRIC_ALGORITHMS, type TokenAlgorithm } from "./token-algorithms.ts";
