export { startTracing, type Tracing, type TracingOptions, tracingEnabled } from "./start-tracing.ts";
