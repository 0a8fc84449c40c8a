export { Lifecycle, type Started, type Stop } from "./lifecycle.ts";
export { type Listening, listen } from "./listen.ts";
export { periodic } from "./periodic.ts";
export { runService, type ServiceContext } from "./run-service.ts";
export { stopOnSignals } from "./signals.ts";
