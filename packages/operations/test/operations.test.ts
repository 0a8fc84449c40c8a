import { randomBytes, randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import {
  commonErrorMap,
  createServiceApp,
  errorOptionsOf,
  errorResponder,
  idempotencyKeys,
} from "@starter/service-kit/http";
import { createLogger } from "@starter/service-kit/logging";
import { isDatabaseUnavailableError, MongoIdempotencyStore } from "@starter/service-kit/mongo";
import { connectTestDatabase, http, startApp, type TestDatabase, uniqueId } from "@starter/testing";
import type { Db } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operationErrorMap, operationRoutes } from "../src/http/index.ts";
import { OperationService, OperationWorker } from "../src/index.ts";
import { createOperationIndexes, MongoOperationRepository, OPERATION_CLAIMS_COLLECTION } from "../src/mongo/index.ts";
import { noteArchiveKind } from "./note-archive-kind.ts";

const silent = createLogger({ name: "operations-test", level: "silent", format: "json" });
const settings = { leaseMs: 5_000, pollIntervalMs: 20, retentionMs: 60_000 };

let database: TestDatabase;
let db: Db;
beforeAll(async () => {
  database = await connectTestDatabase();
  // Its own database: the only workers claiming here are this file's.
  db = database.client.db(`${database.db.databaseName}_operations_${randomBytes(3).toString("hex")}`);
  await createOperationIndexes(db);
});
afterAll(async () => {
  await db.dropDatabase();
  await database[Symbol.asyncDispose]();
});

/** A service of notes with the archive kind plugged in, served over HTTP, with `workers` workers. */
async function startNotesApp(options: { workMs: number; workers: number }) {
  const { kind, notes, errorMap: noteErrors } = noteArchiveKind(options);
  const repository = new MongoOperationRepository(db);
  const service = new OperationService({ operations: repository, retentionMs: settings.retentionMs });
  const workers = Array.from(
    { length: options.workers },
    () => new OperationWorker({ operations: repository, kinds: [kind], settings, log: silent }),
  );
  const errorMap = { ...commonErrorMap, ...operationErrorMap, ...noteErrors };
  const appOptions = {
    logger: silent,
    errorMap,
    isUnavailable: isDatabaseUnavailableError,
    ready: async () => true,
    limits: { bodyLimitBytes: 1024, jsonMaxDepth: 8 },
    routes: operationRoutes({
      service,
      kinds: [kind],
      statusPath: "/v1/operations",
      errorMap,
      wakeWorker: () => workers[0]?.wake(),
      idempotencyKey: idempotencyKeys({
        store: new MongoIdempotencyStore(db),
        required: true,
        scope: () => "test",
        lockMs: 10_000,
        ttlMs: 60_000,
        respondToError: errorResponder(errorOptionsOf({ errorMap, isUnavailable: isDatabaseUnavailableError })),
      }),
    }),
  };
  const running = await startApp(createServiceApp(appOptions).callback());
  for (const worker of workers) worker.start();
  return {
    url: running.url,
    notes,
    repository,
    [Symbol.asyncDispose]: async () => {
      await running[Symbol.asyncDispose]();
      await Promise.all(workers.map((worker) => worker.stop()));
    },
  };
}

const archive = (url: string, id: string) =>
  http(`${url}/v1/notes/${id}/archive`, { method: "POST", headers: { "Idempotency-Key": randomUUID() } });

async function pollUntilFinished(url: string, location: string) {
  for (let i = 0; i < 200; i++) {
    const response = await http(`${url}${location}`);
    if (!["pending", "running"].includes(response.body.status)) return response;
    await sleep(50);
  }
  throw new Error(`${location} did not finish`);
}

describe("a test-only operation kind (archive a note) plugged into the package", () => {
  it("When a note is archived, then 202 + Location, then 303 to the note, and the effect applied once", async () => {
    await using app = await startNotesApp({ workMs: 50, workers: 1 });
    const id = uniqueId("note").toLowerCase();
    app.notes.set(id, { archivedBy: [] });

    const accepted = await archive(app.url, id);
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({
      kind: "archive",
      status: "pending",
      _links: { resource: { href: `/v1/notes/${id}` } },
    });
    const done = await pollUntilFinished(app.url, accepted.headers.get("location") ?? "");

    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe(`/v1/notes/${id}`);
    expect(app.notes.get(id)?.archivedBy).toEqual([accepted.body.id]);
  });

  it("When the kind's check refuses the target, then its own problem, and no operation is stored", async () => {
    await using app = await startNotesApp({ workMs: 50, workers: 0 });
    const id = uniqueId("missing").toLowerCase();

    const refused = await archive(app.url, id);

    expect(refused.status).toBe(404);
    expect(refused.body.type).toBe("urn:problem-type:note.not_found");
    expect(await app.repository.findActiveFor(id)).toBeUndefined();
  });

  it("When a pending operation is canceled, then 200 canceled, and a second start is allowed again", async () => {
    await using app = await startNotesApp({ workMs: 50, workers: 0 });
    const id = uniqueId("note").toLowerCase();
    app.notes.set(id, { archivedBy: [] });
    const location = (await archive(app.url, id)).headers.get("location") ?? "";

    expect((await archive(app.url, id)).status).toBe(409);
    const canceled = await http(`${app.url}${location}`, { method: "DELETE" });

    expect(canceled.status).toBe(200);
    expect(canceled.body.status).toBe("canceled");
    expect((await archive(app.url, id)).status).toBe(202);
  });

  it("When three workers race over 12 operations, then each is claimed once and applied once", async () => {
    await using app = await startNotesApp({ workMs: 30, workers: 3 });
    const ids = Array.from({ length: 12 }, () => uniqueId("race").toLowerCase());
    for (const id of ids) app.notes.set(id, { archivedBy: [] });
    const locations = await Promise.all(ids.map(async (id) => (await archive(app.url, id)).headers.get("location")));

    const finished = await Promise.all(locations.map((location) => pollUntilFinished(app.url, location ?? "")));

    expect(finished.map((response) => response.status)).toEqual(ids.map(() => 303));
    for (const id of ids) expect(app.notes.get(id)?.archivedBy).toHaveLength(1);
    const operationIds = finished.map((response) => response.body.id);
    expect(
      await db.collection(OPERATION_CLAIMS_COLLECTION).countDocuments({ operationId: { $in: operationIds } }),
    ).toBe(ids.length);
  });

  it("When a finished operation's retention has passed, then it reads as absent and the sweep deletes it", async () => {
    const repository = new MongoOperationRepository(db);
    const service = new OperationService({ operations: repository, retentionMs: 1_000 });
    const { kind, notes } = noteArchiveKind({ workMs: 0 });
    const id = uniqueId("r").toLowerCase();
    notes.set(id, { archivedBy: [] });
    const operation = await service.start(kind, id);

    await service.cancel(operation.id);
    const later = new Date(Date.now() + 1_500);

    expect(await repository.findById(operation.id, new Date())).toMatchObject({ status: "canceled" });
    expect(await repository.findById(operation.id, later)).toBeUndefined();
    expect(await repository.deleteExpired(later)).toBeGreaterThanOrEqual(1);
    expect(await db.collection("operations").countDocuments({ _id: operation.id as never })).toBe(0);
  });

  it("When a worker knows no kind of a pending operation, then it never claims it", async () => {
    const repository = new MongoOperationRepository(db);
    const { kind } = noteArchiveKind({ workMs: 0 });
    const operation = await new OperationService({ operations: repository, retentionMs: 1_000 }).start(kind, "n-1");

    expect(await repository.claimNext("worker-x", ["other-kind"], new Date(), 1_000)).toBeUndefined();
    expect(await repository.findById(operation.id, new Date())).toMatchObject({ status: "pending", attempt: 0 });
  });
});
