import { z } from "zod";
import { type ApiVersion, createVersionRegistry, parseVersionStates } from "./registry.ts";

/**
 * The config variable that overrides the lifecycle of a service's majors (`1:retired,2:current`), read into
 * the service's registry; a lifecycle that breaks the rules stops the start, naming the variable.
 */
export function versionRegistryFromEnv(versions: readonly ApiVersion[]) {
  return z
    .string()
    .default("")
    .transform((text, ctx) => {
      try {
        return createVersionRegistry(versions, parseVersionStates(text));
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    });
}
