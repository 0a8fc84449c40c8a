export * from "./collection.ts";
export * from "./confirmation.ts";
export * from "./delivery.ts";
