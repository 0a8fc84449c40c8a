import { z } from "zod";
import { loadConfig, type ServiceConfig, serviceConfigRules, serviceConfigShape } from "../config/index.ts";
import { type ApiVersion, type VersionRegistry, versionRegistryFromEnv } from "../versions/index.ts";

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

/** The configuration a declared service reads: the shared variables, API_VERSION_STATES, and its own. */
export type DeclaredConfig<Variables extends z.ZodRawShape> = ServiceConfig &
  Readonly<{ API_VERSION_STATES: VersionRegistry }> &
  Readonly<z.output<z.ZodObject<Variables>>>;

/**
 * The one reader of the environment for a declared service: parsed once at start, frozen; a bad variable
 * stops the start, naming it (`ConfigError`). API_VERSION_STATES overrides the majors' lifecycle states.
 */
export function configReader<Variables extends z.ZodRawShape>(
  declaration: ConfigDeclaration<Variables>,
  versions: readonly ApiVersion[],
): (env: Readonly<Record<string, string | undefined>>) => DeclaredConfig<Variables> {
  const schema = z
    .object({
      ...serviceConfigShape(declaration),
      API_VERSION_STATES: versionRegistryFromEnv(versions),
      ...declaration.variables,
    })
    .superRefine((config, context) => {
      serviceConfigRules(config as ServiceConfig, context);
      declaration.rules?.(config as unknown as DeclaredConfig<Variables>, context);
    });
  return (env) => loadConfig(schema, env) as DeclaredConfig<Variables>;
}
