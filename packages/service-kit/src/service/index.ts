export {
  defineService,
  type RunningService,
  type ServiceDeclaration,
  type ServiceDefinition,
  type StartOptions,
} from "./define-service.ts";
export { runService } from "./run-service.ts";
export type { ConfigDeclaration, DeclaredConfig } from "./service-config.ts";
export type { BackgroundTask, ModuleContext, ServiceModule } from "./service-module.ts";
