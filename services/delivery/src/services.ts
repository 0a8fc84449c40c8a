import type { Logger } from "@starter/service-kit/logging";
import { MongoIdempotencyStore } from "@starter/service-kit/mongo";
import type { Db } from "mongodb";
import { createDeliveryIndexes, MongoDeliveryRepository } from "./deliveries/delivery.mongo.ts";
import { DeliveryService } from "./deliveries/delivery.service.ts";
import { DispatchWorker, type DispatchWorkerSettings } from "./operations/dispatch-worker.ts";
import { createOperationIndexes, MongoOperationRepository } from "./operations/operation.mongo.ts";
import { OperationService } from "./operations/operation.service.ts";

export type ServiceSettings = Readonly<{ worker: DispatchWorkerSettings }>;

/** The use cases and the worker, wired to their MongoDB adapters; shared by main.ts and the tests. */
export function createServices(db: Db, settings: ServiceSettings, log: Logger) {
  const deliveries = new DeliveryService(new MongoDeliveryRepository(db));
  const operationRepository = new MongoOperationRepository(db);
  const operations = new OperationService({
    operations: operationRepository,
    deliveries,
    settings: { retentionMs: settings.worker.retentionMs },
  });
  const worker = new DispatchWorker({ operations: operationRepository, deliveries, settings: settings.worker, log });
  const idempotencyStore = new MongoIdempotencyStore(db);
  return { deliveries, operations, operationRepository, worker, idempotencyStore };
}

/** Every index the service needs, created at start-up (idempotent). Says whether keys expire by TTL. */
export async function createIndexes(db: Db): Promise<{ idempotencyKeysExpireByTtl: boolean }> {
  await createDeliveryIndexes(db);
  await createOperationIndexes(db);
  return { idempotencyKeysExpireByTtl: await new MongoIdempotencyStore(db).ensureIndexes() };
}
