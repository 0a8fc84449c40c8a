import { setTimeout as sleep } from "node:timers/promises";
import { AppError } from "@starter/service-kit/errors";
import { createMetricsRegistry } from "@starter/service-kit/metrics";
import { http, metricValue, startTokenIssuer, uniqueId } from "@starter/testing";
import { describe, expect, it } from "vitest";
import { OPERATION_CLAIMS_COLLECTION, OPERATION_TARGETS_COLLECTION } from "../src/mongo/index.ts";
import { archive, pollUntilFinished, startNotesApp as startNotes } from "./notes-app.ts";
import { useOperationsDatabase } from "./operations-database.ts";

/** A typed error the test's map does not know: the operation still fails with it, as a 500. */
class NoteLockedError extends AppError<"note.locked"> {
  constructor() {
    super("note.locked", "the note is locked");
  }
}

const operationsDb = useOperationsDatabase();
const startNotesApp = (options: Parameters<typeof startNotes>[1]) => startNotes(operationsDb(), options);

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

  it("When a caller asks about an operation on someone else's target, then not found: its start, its status and its cancel", async () => {
    await using issuer = await startTokenIssuer({ audience: "notes" });
    await using app = await startNotesApp({ workMs: 5_000, workers: 0, issuer });
    const scope = "operations:read operations:write";
    const owner = { Authorization: `Bearer ${await issuer.token({ sub: "alice", scope })}` };
    const other = { Authorization: `Bearer ${await issuer.token({ sub: "bob", scope })}` };
    const id = uniqueId("note").toLowerCase();
    app.notes.set(id, { archivedBy: [], owner: "alice" });

    expect((await archive(app.url, id, other)).body).toMatchObject({
      status: 404,
      type: "urn:problem-type:note.not_found",
    });
    const accepted = await archive(app.url, id, owner);
    expect(accepted.status).toBe(202);
    const location = `${app.url}${accepted.headers.get("location")}`;

    expect((await http(location, { headers: other })).body).toMatchObject({
      status: 404,
      type: "urn:problem-type:operation.not_found",
    });
    expect((await http(location, { method: "DELETE", headers: other })).status).toBe(404);
    expect((await http(location, { headers: owner })).body).toMatchObject({ status: "pending" });
    expect((await http(location, { method: "DELETE", headers: owner })).body).toMatchObject({ status: "canceled" });
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
      await operationsDb()
        .collection(OPERATION_CLAIMS_COLLECTION)
        .countDocuments({ operationId: { $in: operationIds } }),
    ).toBe(ids.length);
  });

  it.each([
    ["a typed error, then the operation fails with its problem at once", () => new NoteLockedError(), "note.locked", 1],
    [
      "unexpectedly, then it is claimed again after each lease and fails after the last",
      () => new Error("disk on fire"),
      "service.internal",
      2,
    ],
  ])("When the effect throws %s", async (_, effectThrows, code, attempts) => {
    await using app = await startNotesApp({ workMs: 0, workers: 1, leaseMs: 300, effectThrows });
    const id = uniqueId("note").toLowerCase();
    app.notes.set(id, { archivedBy: [] });

    const failed = await pollUntilFinished(app.url, (await archive(app.url, id)).headers.get("location") ?? "");

    expect(failed.body).toMatchObject({ status: "failed", error: { type: `urn:problem-type:${code}`, status: 500 } });
    expect(failed.body.error.detail).not.toContain("disk");
    expect(await app.repository.findById(failed.body.id, new Date())).toMatchObject({ attempt: attempts });
  });

  it("When another claim takes over an operation a worker is running, then the worker's metrics count its claim and the lease it lost", async () => {
    const metrics = createMetricsRegistry({ runtime: false });
    await using app = await startNotesApp({ workMs: 1_500, workers: 1, leaseMs: 300, metrics });
    const id = uniqueId("note").toLowerCase();
    app.notes.set(id, { archivedBy: [] });
    const location = (await archive(app.url, id)).headers.get("location") ?? "";
    const operationId = location.split("/").at(-1) ?? "";
    let running = await app.repository.findById(operationId, new Date());
    for (let i = 0; i < 100 && running?.status !== "running"; i++) {
      await sleep(20);
      running = await app.repository.findById(operationId, new Date());
    }

    // What a second instance does once a lease has run out: the worker's next heartbeat finds it taken.
    await app.repository.releaseLease(operationId, running?.attempt ?? 0);
    const intruder = await app.repository.claimNext("intruder", [app.kind.name], new Date(), 60_000);
    await sleep(300);

    const text = await metrics.metrics();
    expect(intruder?.attempt).toBe(2);
    // This file's database is shared by its tests: the worker may also claim what an earlier test left pending.
    expect(metricValue(text, "operation_claims_total", { kind: "archive", claim: "first" })).toBeGreaterThanOrEqual(1);
    expect(metricValue(text, "operation_leases_lost_total", { kind: "archive" })).toBe(1);
  });

  it("When ten starts race on one target, then one is accepted and the others are refused: one operation in progress", async () => {
    await using app = await startNotesApp({ workMs: 2_000, workers: 0 });
    const id = uniqueId("note").toLowerCase();
    app.notes.set(id, { archivedBy: [] });

    const answers = await Promise.all(Array.from({ length: 10 }, () => archive(app.url, id)));

    expect(answers.filter((answer) => answer.status === 202)).toHaveLength(1);
    expect(answers.filter((answer) => answer.body.type === "urn:problem-type:operation.in_progress")).toHaveLength(9);
    expect(await operationsDb().collection("operations").countDocuments({ targetId: id })).toBe(1);
  });

  it("When an operation finished, then its target is free again; a slot a crashed start left behind is taken over", async () => {
    await using app = await startNotesApp({ workMs: 0, workers: 1 });
    const id = uniqueId("note").toLowerCase();
    app.notes.set(id, { archivedBy: [] });
    await pollUntilFinished(app.url, (await archive(app.url, id)).headers.get("location") ?? "");
    const orphaned = uniqueId("note").toLowerCase();
    app.notes.set(orphaned, { archivedBy: [] });
    const slots = operationsDb().collection<{ _id: string; operationId: string; since: Date }>(
      OPERATION_TARGETS_COLLECTION,
    );
    await slots.insertOne({ _id: orphaned, operationId: "never-stored", since: new Date(Date.now() - 120_000) });

    expect((await archive(app.url, id)).status).toBe(202);
    expect((await archive(app.url, orphaned)).status).toBe(202);
  });
});
