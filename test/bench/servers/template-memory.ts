import { runService } from "@starter/service-kit/lifecycle";
import { composeService } from "../../../services/delivery/src/composition.ts";
import { readConfig } from "../../../services/delivery/src/config.ts";
import { MongoDeliveryRepository } from "../../../services/delivery/src/deliveries/delivery.mongo.ts";
import { memoryDatabase } from "./memory-collection.ts";

/**
 * The template with its deliveries in the benchmark's in-memory store (`--store memory`): started by the
 * kit's runService and composed by the service's own composition root, as main.ts does, with the one
 * difference that its repository's collection is in memory. Every middleware, the routes, the write
 * engine and the document mapping run as in production; the operation worker and the sweeper, which no
 * scenario of this mode reaches, are not started.
 */
await runService("delivery", readConfig, async ({ config, logger, mongo, metrics, flags, rateLimit }) => {
  const service = composeService({
    db: mongo.db,
    logger,
    config,
    metrics,
    flags,
    rateLimit,
    deliveryRepository: new MongoDeliveryRepository(memoryDatabase()),
    databaseReady: async () => true,
  });
  return service.app.callback();
});
