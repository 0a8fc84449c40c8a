export { Lifecycle, type Started, type Stop } from "./lifecycle.ts";
export { type Listening, listen, type ServerLimits } from "./listen.ts";
export { periodic } from "./periodic.ts";
export { stopOnSignals } from "./signals.ts";
