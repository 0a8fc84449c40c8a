import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { jwksTokenVerifier } from "@starter/service-kit/auth";
import {
  commonErrorMap,
  createServiceApp,
  errorOptionsOf,
  errorResponder,
  idempotencyKeys,
} from "@starter/service-kit/http";
import { createLogger } from "@starter/service-kit/logging";
import type { Registry } from "@starter/service-kit/metrics";
import { isDatabaseUnavailableError, MongoIdempotencyStore } from "@starter/service-kit/mongo";
import { http, startApp, type TokenIssuer } from "@starter/testing";
import type { Db } from "mongodb";
import { operationErrorMap, operationRoutes } from "../src/http/index.ts";
import { OperationService, OperationWorker } from "../src/index.ts";
import { operationMetrics } from "../src/metrics/index.ts";
import { MongoOperationRepository } from "../src/mongo/index.ts";
import { noteArchiveKind } from "./note-archive-kind.ts";

const silent = createLogger({ name: "operations-test", level: "silent", format: "json" });
const settings = { leaseMs: 5_000, pollIntervalMs: 20, retentionMs: 60_000 };

/** A service of notes with the archive kind plugged in, served over HTTP, with `workers` workers. */
export async function startNotesApp(
  db: Db,
  options: Parameters<typeof noteArchiveKind>[0] & {
    workers: number;
    leaseMs?: number;
    metrics?: Registry;
    /** Authenticate callers with tokens from this issuer. */
    issuer?: TokenIssuer;
  },
) {
  const { kind, notes, errorMap: noteErrors } = noteArchiveKind(options);
  const workerSettings = { ...settings, leaseMs: options.leaseMs ?? settings.leaseMs, maxAttempts: 2 };
  const repository = new MongoOperationRepository(db);
  const service = new OperationService({ operations: repository, kinds: [kind], retentionMs: settings.retentionMs });
  const observer = options.metrics && operationMetrics(options.metrics, repository);
  const workers = Array.from(
    { length: options.workers },
    () =>
      new OperationWorker({
        operations: repository,
        kinds: [kind],
        settings: workerSettings,
        log: silent,
        ...(observer && { observer }),
      }),
  );
  const errorMap = { ...commonErrorMap, ...operationErrorMap, ...noteErrors };
  const appOptions = {
    logger: silent,
    errorMap,
    isUnavailable: isDatabaseUnavailableError,
    ready: async () => true,
    limits: { bodyLimitBytes: 1024, jsonMaxDepth: 8 },
    ...(options.issuer && {
      auth: {
        realm: "notes",
        verify: jwksTokenVerifier({ ...options.issuer, algorithms: ["ES256"], clockToleranceSeconds: 0 }),
        isPublic: () => false,
      },
    }),
    routes: operationRoutes({
      service,
      kinds: [kind],
      statusPath: "/v1/operations",
      errorMap,
      wakeWorker: () => workers[0]?.wake(),
      idempotencyKeyRequired: true,
      idempotencyKey: idempotencyKeys({
        store: new MongoIdempotencyStore(db),
        required: true,
        scope: () => "test",
        lockMs: 10_000,
        ttlMs: 60_000,
        inFlightWait: { defaultSeconds: 5, maxSeconds: 30 },
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
    kind,
    [Symbol.asyncDispose]: async () => {
      await running[Symbol.asyncDispose]();
      await Promise.all(workers.map((worker) => worker.stop()));
    },
  };
}

export const archive = (url: string, id: string, headers: Record<string, string> = {}) =>
  http(`${url}/v1/notes/${id}/archive`, { method: "POST", headers: { "Idempotency-Key": randomUUID(), ...headers } });

export async function pollUntilFinished(url: string, location: string) {
  for (let i = 0; i < 200; i++) {
    const response = await http(`${url}${location}`);
    if (!["pending", "running"].includes(response.body.status)) return response;
    await sleep(50);
  }
  throw new Error(`${location} did not finish`);
}
