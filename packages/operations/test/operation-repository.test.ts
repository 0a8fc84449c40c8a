import { uniqueId } from "@starter/testing";
import { describe, expect, it } from "vitest";
import { OperationService } from "../src/index.ts";
import { MongoOperationRepository } from "../src/mongo/index.ts";
import { noteArchiveKind } from "./note-archive-kind.ts";
import { useOperationsDatabase } from "./operations-database.ts";

const operationsDb = useOperationsDatabase();

describe("the MongoDB operation repository", () => {
  it("When a finished operation's retention has passed, then it reads as absent and the sweep deletes it", async () => {
    const repository = new MongoOperationRepository(operationsDb());
    const { kind, notes } = noteArchiveKind({ workMs: 0 });
    const service = new OperationService({ operations: repository, kinds: [kind], retentionMs: 1_000 });
    const id = uniqueId("r").toLowerCase();
    notes.set(id, { archivedBy: [] });
    const operation = await service.start(kind, id);

    await service.cancel(operation.id, undefined);
    const later = new Date(Date.now() + 1_500);

    expect(await repository.findById(operation.id, new Date())).toMatchObject({ status: "canceled" });
    expect(await repository.findById(operation.id, later)).toBeUndefined();
    expect(await repository.deleteExpired(later)).toBeGreaterThanOrEqual(1);
    expect(
      await operationsDb()
        .collection("operations")
        .countDocuments({ _id: operation.id as never }),
    ).toBe(0);
  });

  it("When a worker knows no kind of a pending operation, then it never claims it", async () => {
    const repository = new MongoOperationRepository(operationsDb());
    const { kind } = noteArchiveKind({ workMs: 0 });
    const operation = await new OperationService({ operations: repository, kinds: [kind], retentionMs: 1_000 }).start(
      kind,
      "n-1",
    );

    expect(await repository.claimNext("worker-x", ["other-kind"], new Date(), 1_000)).toBeUndefined();
    expect(await repository.findById(operation.id, new Date())).toMatchObject({ status: "pending", attempt: 0 });
  });
});
