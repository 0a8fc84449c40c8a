import { buildInfoOf, ConfigError, type ServiceConfig } from "../config/index.ts";
import { Lifecycle, stopOnSignals } from "../lifecycle/index.ts";
import { createLogger } from "../logging/index.ts";
import type { ServiceDefinition, StartOptions } from "./define-service.ts";

/**
 * main.ts of every service: read the configuration (a bad one exits 1 naming every variable), log, stop on
 * SIGTERM/SIGINT, then start the declared service. A failed start is logged, what had started is stopped,
 * and it exits 1.
 */
export async function runService<Config extends ServiceConfig>(
  service: ServiceDefinition<Config>,
  options: Pick<StartOptions, "database"> = {},
): Promise<void> {
  let config: Config;
  try {
    config = service.readConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const logger = createLogger({
    name: service.name,
    level: config.LOG_LEVEL,
    format: config.LOG_FORMAT,
    build: buildInfoOf(config),
  });
  const lifecycle = new Lifecycle(logger);
  stopOnSignals(lifecycle, logger);
  try {
    await service.startInto(lifecycle, config, { ...options, logger });
  } catch (error) {
    logger.fatal({ err: error }, "start failed");
    await lifecycle.stop();
    process.exit(1);
  }
}
