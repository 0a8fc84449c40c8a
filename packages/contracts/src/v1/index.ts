export * from "./delivery.ts";
export * from "./examples.ts";
