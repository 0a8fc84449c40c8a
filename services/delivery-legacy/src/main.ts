import { runService } from "@starter/service-kit/lifecycle";
import { composeService } from "./composition.ts";
import { readConfig } from "./config.ts";

/** The only file with side effects: config -> connect -> compose -> listen, and stop on SIGTERM/SIGINT. */
await runService("delivery-legacy", readConfig, async ({ config, logger, mongo, metrics, rateLimit }) => {
  const databaseReady = () => mongo.ping(1_000);
  const { app } = composeService({ db: mongo.db, config, logger, metrics, rateLimit, databaseReady });
  return app.callback();
});
