export * from "./confirmation.ts";
export * from "./delivery.ts";
export * from "./examples.ts";
