export {
  defineService,
  type RunningService,
  type ServiceDefinition,
  type StartOptions,
} from "./define-service.ts";
export { runService } from "./run-service.ts";
export type { ConfigDeclaration, DeclaredConfig } from "./service-config.ts";
export type { ServiceDeclaration } from "./service-declaration.ts";
export type { BackgroundTask, ModuleContext, ServiceModule } from "./service-module.ts";
