import { z } from "zod";
import { integerFromEnv } from "../config/index.ts";
import {
  type ApiVersion,
  createVersionRegistry,
  parseBrownouts,
  parseVersionStates,
  type VersionRegistry,
} from "../versions/index.ts";

/** A rule's text parsed into its value; a malformed one is an issue of its variable, never a silent default. */
function parsedFromEnv<T>(parse: (text: string) => T) {
  return z
    .string()
    .default("")
    .transform((text, context) => {
      try {
        return parse(text);
      } catch (error) {
        context.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    });
}

/**
 * The variables that change the declared lifecycle of a service's majors per deployment, without a
 * release: states (`1:retired`), brownouts (`1:<from>/<until>`, `1:none`) and the minimum lifetime of a
 * deprecated major (90 days unless set).
 */
export const apiVersionVariables = {
  API_VERSION_STATES: parsedFromEnv(parseVersionStates),
  API_BROWNOUTS: parsedFromEnv(parseBrownouts),
  API_MIN_DEPRECATION_DAYS: integerFromEnv({ min: 0, max: 3650 }).default(90),
};

type ApiVersionConfig = z.output<z.ZodObject<typeof apiVersionVariables>>;

/** The registry a deployment serves; a lifecycle that breaks a rule is an issue of the variables, so the start stops. */
export function apiVersionsOf(
  versions: readonly ApiVersion[],
  config: ApiVersionConfig,
  context: z.RefinementCtx,
): VersionRegistry {
  try {
    return createVersionRegistry(versions, {
      states: config.API_VERSION_STATES,
      brownouts: config.API_BROWNOUTS,
      minDeprecationDays: config.API_MIN_DEPRECATION_DAYS,
    });
  } catch (error) {
    context.addIssue({ code: "custom", path: [overridesIn(config)], message: (error as Error).message });
    return z.NEVER;
  }
}

/** Where a broken lifecycle comes from: the overrides a deployment set, else the versions the service declares. */
function overridesIn(config: ApiVersionConfig): string {
  const set = [
    ...(Object.keys(config.API_VERSION_STATES).length > 0 ? ["API_VERSION_STATES"] : []),
    ...(Object.keys(config.API_BROWNOUTS).length > 0 ? ["API_BROWNOUTS"] : []),
  ];
  return set.length > 0 ? set.join(" with ") : "the declared API versions";
}
