import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { createLogger } from "@starter/service-kit/logging";
import { connectTestDatabase, type TestDatabase, uniqueId } from "@starter/testing";
import type { Db } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MongoDeliveryRepository } from "../deliveries/delivery.mongo.ts";
import { DeliveryService } from "../deliveries/delivery.service.ts";
import { createDelivery } from "../deliveries/delivery.ts";
import { createIndexes } from "../services.ts";
import { DispatchWorker } from "./dispatch-worker.ts";
import { MongoOperationRepository, OPERATION_CLAIMS_COLLECTION } from "./operation.mongo.ts";
import { OperationService } from "./operation.service.ts";

let database: TestDatabase;
let db: Db;
beforeAll(async () => {
  database = await connectTestDatabase();
  // Its own database: the only workers claiming here are this test's.
  db = database.client.db(`${database.db.databaseName}_workers_${randomBytes(3).toString("hex")}`);
  await createIndexes(db);
});
afterAll(async () => {
  await db.dropDatabase();
  await database[Symbol.asyncDispose]();
});

const details = {
  ownerId: "u-1",
  pickup: { latitude: 1, longitude: 2 },
  dropoff: { latitude: 3, longitude: 4 },
  deadline: new Date("2026-12-01T10:00:00Z"),
  expedited: false,
  packages: [{ id: "p-1", size: "small" as const, weightKg: 1 }],
};
const silent = createLogger({ name: "worker-test", level: "silent", format: "json" });
const settings = { leaseMs: 5_000, pollIntervalMs: 20, workDurationMs: 30, retentionMs: 60_000 };

describe("dispatch workers sharing one database", () => {
  it("When three workers race over 12 operations, then each operation is claimed once, succeeds, and dispatches its delivery once", async () => {
    const deliveryRepository = new MongoDeliveryRepository(db);
    const deliveries = new DeliveryService(deliveryRepository);
    const operationRepository = new MongoOperationRepository(db);
    const operations = new OperationService({ operations: operationRepository, deliveries, settings });
    const ids = Array.from({ length: 12 }, () => uniqueId("w"));
    for (const id of ids) await deliveryRepository.insert(createDelivery(id, details));
    const started = await Promise.all(ids.map((id) => operations.startDispatch(id)));

    const workers = Array.from(
      { length: 3 },
      () => new DispatchWorker({ operations: operationRepository, deliveries, settings, log: silent }),
    );
    for (const worker of workers) worker.start();
    try {
      for (
        let i = 0;
        i < 200 &&
        !(await allFinished(
          operations,
          started.map((op) => op.id),
        ));
        i++
      )
        await sleep(50);
    } finally {
      await Promise.all(workers.map((worker) => worker.stop()));
    }

    for (const operation of started) {
      expect(await operations.get(operation.id)).toMatchObject({ status: "succeeded", attempt: 1 });
    }
    for (const id of ids) expect(await deliveries.get(id)).toMatchObject({ status: "dispatched", version: 2 });
    expect(await db.collection(OPERATION_CLAIMS_COLLECTION).countDocuments()).toBe(ids.length);
  }, 30_000);

  it("When a finished operation's retention has passed, then it reads as absent and the sweep deletes it", async () => {
    const deliveryRepository = new MongoDeliveryRepository(db);
    const deliveries = new DeliveryService(deliveryRepository);
    const operationRepository = new MongoOperationRepository(db);
    const operations = new OperationService({ operations: operationRepository, deliveries, settings });
    const id = uniqueId("r");
    await deliveryRepository.insert(createDelivery(id, details));
    const operation = await operations.startDispatch(id);
    await operationRepository.cancelPending(operation.id, new Date(), 1_000);

    expect(await operationRepository.findById(operation.id, new Date())).toMatchObject({ status: "canceled" });
    const later = new Date(Date.now() + 1_500);
    expect(await operationRepository.findById(operation.id, later)).toBeUndefined();
    expect(await operationRepository.deleteExpired(later)).toBeGreaterThanOrEqual(1);
    expect(await db.collection("operations").countDocuments({ _id: operation.id as never })).toBe(0);
  });
});

async function allFinished(operations: OperationService, ids: string[]): Promise<boolean> {
  const current = await Promise.all(ids.map((id) => operations.get(id)));
  return current.every((operation) => operation.status === "succeeded" || operation.status === "failed");
}
