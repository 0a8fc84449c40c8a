import { connectTestDatabase, type TestDatabase, uniqueId } from "@starter/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MongoDeliveryRepository } from "./delivery.mongo.ts";
import { DeliveryService } from "./delivery.service.ts";
import { createDelivery, type Delivery, type DeliveryDetails } from "./delivery.ts";

const details: DeliveryDetails = {
  ownerId: "u-1",
  pickup: { latitude: 1, longitude: 2 },
  dropoff: { latitude: 3, longitude: 4 },
  deadline: new Date("2026-12-01T10:00:00Z"),
  expedited: false,
  packages: [{ id: "p-1", size: "small", weightKg: 1 }],
};

/**
 * The real repository, with another writer slipping in once between our read and our write: the
 * deterministic version of a lost race, against the real database.
 */
class RacedRepository extends MongoDeliveryRepository {
  raced = false;

  override async replace(delivery: Delivery, expectedVersion: number): Promise<"replaced" | "stale"> {
    if (!this.raced) {
      this.raced = true;
      const current = await this.findById(delivery.id);
      if (current)
        await super.replace({ ...current, ownerId: "other-writer", version: current.version + 1 }, current.version);
    }
    return super.replace(delivery, expectedVersion);
  }
}

let database: TestDatabase;
beforeAll(async () => {
  database = await connectTestDatabase();
});
afterAll(async () => {
  await database[Symbol.asyncDispose]();
});

describe("DeliveryService.put when it loses a race", () => {
  it("When another writer changes the delivery between our read and write, then we re-read and apply on top (no lost update)", async () => {
    const repository = new RacedRepository(database.db);
    const id = uniqueId("svc");
    await repository.insert(createDelivery(id, details));

    const result = await new DeliveryService(repository).put(id, () => ({ ...details, expedited: true }), {
      kind: "none",
    });

    expect(repository.raced).toBe(true);
    expect(result.outcome).toBe("replaced");
    expect(result.delivery).toMatchObject({ expedited: true, version: 3 });
    expect(await repository.findById(id)).toMatchObject({ expedited: true, version: 3 });
  });

  it("When the client's If-Match version is overtaken by that writer, then 412, not a retry on top", async () => {
    const repository = new RacedRepository(database.db);
    const id = uniqueId("svc");
    await repository.insert(createDelivery(id, details));
    const service = new DeliveryService(repository);

    await expect(
      service.put(id, () => ({ ...details, expedited: true }), { kind: "version-in", versions: [1] }),
    ).rejects.toThrow(/changed in the meantime/);
    expect(await repository.findById(id)).toMatchObject({ ownerId: "other-writer", version: 2 });
  });
});
