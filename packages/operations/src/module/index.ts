export { type OperationsConfig, operationsConfig } from "./operations-config.ts";
export { type OperationsModuleOptions, operationsModule } from "./operations-module.ts";
