import { z } from "zod";
import { loadConfig, type ServiceConfig, serviceConfigRules, serviceConfigShape } from "../config/index.ts";
import type { ApiVersion, VersionRegistry } from "../versions/index.ts";
import { apiVersionsOf, apiVersionVariables } from "./api-version-config.ts";

/** A service's own variables beside the shared ones (`serviceConfigShape`); a shared one may be redeclared. */
export type ConfigDeclaration<Variables extends z.ZodRawShape> = Readonly<{
  /** The port and database a service uses when PORT and MONGODB_DB are not set. */
  port: number;
  dbName: string;
  /** JSON_MAX_DEPTH's default, for a service whose bodies nest deeper than 16. */
  jsonMaxDepth?: number;
  variables?: Variables;
  /** Rules across its variables, shared ones included (beyond the kit's: AUTH_* required with AUTH_MODE=jwt). */
  rules?: (config: DeclaredConfig<Variables>, context: z.RefinementCtx) => void;
}>;

/**
 * The configuration a declared service reads: the shared variables, its own, and the registry of its majors
 * (`apiVersions`: the declared lifecycle with API_VERSION_STATES, API_BROWNOUTS and API_MIN_DEPRECATION_DAYS).
 */
export type DeclaredConfig<Variables extends z.ZodRawShape> = ServiceConfig &
  Readonly<{ apiVersions: VersionRegistry }> &
  Readonly<z.output<z.ZodObject<Variables>>>;

/**
 * The one reader of the environment for a declared service: parsed once at start, frozen; a bad variable
 * stops the start, naming it (`ConfigError`), as does a lifecycle of the majors that breaks a rule.
 */
export function configReader<Variables extends z.ZodRawShape>(
  declaration: ConfigDeclaration<Variables>,
  versions: readonly ApiVersion[],
): (env: Readonly<Record<string, string | undefined>>) => DeclaredConfig<Variables> {
  const schema = z
    .object({
      ...serviceConfigShape(declaration),
      ...apiVersionVariables,
      ...declaration.variables,
    })
    .transform((config, context) => {
      const declared = { ...config, apiVersions: apiVersionsOf(versions, config, context) };
      serviceConfigRules(declared as ServiceConfig, context);
      declaration.rules?.(declared as unknown as DeclaredConfig<Variables>, context);
      return declared;
    });
  return (env) => loadConfig(schema, env) as unknown as DeclaredConfig<Variables>;
}
