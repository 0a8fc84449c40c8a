import type { z } from "zod";

export class ConfigError extends Error {}

/**
 * Parses the environment once against a zod schema and freezes the result. Every bad variable is named
 * in one message, so a misconfigured deployment fails at start with everything it needs to fix.
 */
export function loadConfig<Schema extends z.ZodType>(
  schema: Schema,
  env: Readonly<Record<string, string | undefined>>,
): Readonly<z.output<Schema>> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".") || "(environment)"}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return Object.freeze(result.data);
}
