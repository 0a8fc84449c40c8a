import { runService } from "@starter/service-kit/service";
import { DELIVERIES_COLLECTION } from "../../../services/delivery/src/deliveries/delivery.mongo.ts";
import { delivery } from "../../../services/delivery/src/service.ts";
import { withCollectionInMemory } from "./memory-collection.ts";

/**
 * The template with its deliveries in the benchmark's in-memory store (`--store memory`): the delivery
 * service's own declaration started by the kit's runService, as main.ts does, with the one difference that
 * its deliveries collection is in memory. Every middleware, the routes, the write engine and the document
 * mapping run as in production; the operation worker polls the real database, which no scenario of this
 * mode writes to.
 */
await runService(delivery, { database: (connected) => withCollectionInMemory(connected, DELIVERIES_COLLECTION) });
