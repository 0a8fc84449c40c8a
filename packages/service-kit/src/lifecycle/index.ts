export { Lifecycle, type Started, type Stop } from "./lifecycle.ts";
export { type Listening, listen, type ServerLimits } from "./listen.ts";
export { periodic } from "./periodic.ts";
export { runService, type ServiceContext, serverLimitsOf } from "./run-service.ts";
export { stopOnSignals } from "./signals.ts";
