import type { ServerCapabilities } from "./mongo-server/index.ts";

/** What the global setup hands every test file through vitest's `provide` / `inject`. */
declare module "vitest" {
  export interface ProvidedContext {
    mongoUri: string;
    mongoDbName: string;
    mongoServer: ServerCapabilities & { kind: string; description: string };
  }
}
