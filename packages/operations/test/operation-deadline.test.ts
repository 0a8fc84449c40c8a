import { Deadline, runWithDeadline } from "@starter/service-kit/deadlines";
import { DeadlineExceededError } from "@starter/service-kit/errors";
import { uniqueId } from "@starter/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { type OperationKind, OperationService } from "../src/index.ts";
import { MongoOperationRepository } from "../src/mongo/index.ts";
import { useOperationsDatabase } from "./operations-database.ts";

const operationsDb = useOperationsDatabase();

const kind: OperationKind = {
  name: "archive",
  operationId: "archiveNote",
  summary: "Archive a note",
  targetPath: "/v1/notes/{id}",
  targetId: z.string(),
  check: async () => undefined,
  visibleTo: async () => true,
  effect: async () => undefined,
  errors: [],
};

describe("starting an operation and the request's deadline", () => {
  it("When the request's deadline has passed, then the operation is not stored (503), and with time left it is", async () => {
    const repository = new MongoOperationRepository(operationsDb());
    const service = new OperationService({ operations: repository, kinds: [kind], retentionMs: 60_000 });
    const late = uniqueId("note");
    const timely = uniqueId("note");

    const refused = runWithDeadline(new Deadline(0), () => service.start(kind, late));
    await expect(refused).rejects.toBeInstanceOf(DeadlineExceededError);
    expect(await repository.findActiveFor(late)).toBeUndefined();

    const started = await runWithDeadline(new Deadline(5_000), () => service.start(kind, timely));
    expect((await repository.findActiveFor(timely))?.id).toBe(started.id);
  });
});
