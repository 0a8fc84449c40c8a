import { loadConfig, serviceConfigRules, serviceConfigShape } from "@starter/service-kit/config";
import { z } from "zod";

/**
 * The only reader of the environment. Parsed once at start; a bad variable stops the start, by name. The
 * legacy contract nests nothing deeper than a list of ids, hence its lower JSON depth.
 */
const configSchema = z
  .object(serviceConfigShape({ port: 3001, dbName: "delivery_legacy", jsonMaxDepth: 8 }))
  .superRefine(serviceConfigRules);

export type Config = Readonly<z.output<typeof configSchema>>;

export function readConfig(env: Readonly<Record<string, string | undefined>>): Config {
  return loadConfig(configSchema, env);
}
