import { authenticationOf } from "@starter/service-kit/auth";
import { apiInfoOf, createServiceApp } from "@starter/service-kit/http";
import type { Logger } from "@starter/service-kit/logging";
import type { Registry } from "@starter/service-kit/metrics";
import { isDatabaseUnavailableError } from "@starter/service-kit/mongo";
import type { RateLimitOptions } from "@starter/service-kit/rate-limits";
import type { Db } from "mongodb";
import { appOptions } from "./app.ts";
import type { Config } from "./config.ts";
import { MongoLegacyDeliveryRepository } from "./deliveries/legacy-delivery.mongo.ts";
import { LegacyDeliveryService } from "./deliveries/legacy-delivery.service.ts";

/** The composition root, shared by main.ts and the tests: the service wired to its MongoDB adapter. */
export function composeService(options: {
  db: Db;
  config: Config;
  logger: Logger;
  databaseReady: () => Promise<boolean>;
  /** `false`: no metrics (METRICS_ENABLED=false). */
  metrics?: Registry | false;
  /** Each client's writes limited (`runService` makes it from RATE_LIMIT_*); none: no limit. */
  rateLimit?: RateLimitOptions | undefined;
}) {
  const built = appOptions({
    logger: options.logger,
    ...(options.metrics !== undefined && { metrics: options.metrics }),
    deliveries: new LegacyDeliveryService(new MongoLegacyDeliveryRepository(options.db)),
    ready: options.databaseReady,
    isUnavailable: isDatabaseUnavailableError,
    auth: authenticationOf(options.config, "delivery-legacy"),
    rateLimit: options.rateLimit,
    limits: {
      bodyLimitBytes: options.config.BODY_LIMIT_BYTES,
      jsonMaxDepth: options.config.JSON_MAX_DEPTH,
      requestDeadlineMs: options.config.REQUEST_DEADLINE_MS,
    },
    apiInfo: apiInfoOf(options.config),
  });
  return {
    app: createServiceApp(built),
    /** What the app is built from (the contract gate reads the document from it). */
    appOptions: built,
  };
}
