import { connectTestDatabase, logLinesInto, type TestDatabase } from "@starter/testing";
import { pino } from "pino";
import { afterAll, beforeAll, expect } from "vitest";
import {
  CoordinationDriftError,
  type CoordinationJournal,
  Coordinator,
  type DriftRecord,
  holdsIgnoring,
  type Participant,
  sendByUrl,
} from "../src/index.ts";
import { MongoCoordinationJournal, MongoDriftStore } from "../src/mongo/index.ts";
import { type KoaParticipant, startKoaParticipant } from "./koa-participant.ts";

/** The shared DTO of the tests, mapped differently for each side (as v1 and v2 differ). */
export type Shared = { owner: string; size: number };

export const FAST_POLICY = {
  maxAttempts: 2,
  baseDelayMs: 5,
  maxDelayMs: 20,
  timeoutMs: 150,
  retryStatuses: [502, 503, 504],
};
const HANG_MS = 300;
/** The coordinators' own token, for calls on nobody's behalf. */
export const SERVICE_AUTHORIZATION = "Bearer the-service-itself";

export const toLegacy = (shared: Shared) => ({ owner: shared.owner });
export const toNew = (shared: Shared) => ({ ownerId: shared.owner, size: shared.size });

/** The drift a coordination ended in; fails the test when it ended any other way. */
export async function driftOf(coordination: Promise<unknown>): Promise<DriftRecord> {
  const error = await coordination.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CoordinationDriftError);
  return (error as CoordinationDriftError).drift;
}

function participantOf(name: string, baseUrl: string, toRequest: (shared: Shared) => unknown): Participant<Shared> {
  return { name, send: sendByUrl(baseUrl, (id) => `/r/${id}`), toRequest, holds: holdsIgnoring(["version"]) };
}

/** Two participants on port 0 and a real drift store, for one test file. */
export function useCoordination() {
  let database: TestDatabase;
  const context = {} as {
    legacy: KoaParticipant;
    fresh: KoaParticipant;
    drifts: MongoDriftStore;
    journal: MongoCoordinationJournal;
    coordinator: (order?: "parallel" | "sequential", deadlineMs?: number) => Coordinator<Shared>;
    /** A coordinator whose new side is somewhere else (a closed port, to be unreachable), or with another journal. */
    coordinatorWith: (options: { newBaseUrl?: string; journal?: CoordinationJournal }) => Coordinator<Shared>;
    /** Every line the coordinators logged, parsed. */
    logLines: Record<string, unknown>[];
  };
  context.logLines = [];
  const log = pino({ level: "info" }, logLinesInto(context.logLines));
  beforeAll(async () => {
    database = await connectTestDatabase();
    context.legacy = await startKoaParticipant({ hangMs: HANG_MS });
    context.fresh = await startKoaParticipant({ hangMs: HANG_MS });
    context.drifts = new MongoDriftStore(database.db);
    context.journal = new MongoCoordinationJournal(database.db);
    const coordinatorOf = (
      newBaseUrl: string,
      order: "parallel" | "sequential",
      deadlineMs: number,
      journal: CoordinationJournal = context.journal,
    ) =>
      new Coordinator<Shared>({
        participants: [participantOf("legacy", context.legacy.url, toLegacy), participantOf("new", newBaseUrl, toNew)],
        driftStore: context.drifts,
        log,
        retryPolicy: FAST_POLICY,
        journal,
        order,
        deadlineMs,
        serviceAuthorization: async () => SERVICE_AUTHORIZATION,
      });
    context.coordinator = (order = "parallel", deadlineMs = 30_000) =>
      coordinatorOf(context.fresh.url, order, deadlineMs);
    context.coordinatorWith = ({ newBaseUrl = context.fresh.url, journal }) =>
      coordinatorOf(newBaseUrl, "parallel", 30_000, journal);
  });
  afterAll(async () => {
    await context.legacy[Symbol.asyncDispose]();
    await context.fresh[Symbol.asyncDispose]();
    await database[Symbol.asyncDispose]();
  });
  return context;
}
