import { randomUUID } from "node:crypto";
import * as v2 from "@starter/contracts/v2";
import {
  type ClientCondition,
  CoordinationDriftError,
  type Coordinator,
  type EntityTags,
  type ParticipantFailure,
} from "@starter/coordination";
import { AppError, PreconditionFailedError } from "@starter/service-kit/errors";
import {
  type AppContext,
  assertBodyIdMatches,
  conditionHeader,
  defineRoute,
  type EntityTagCondition,
  fromJsonPointer,
  isNotModified,
  parseIfMatch,
  parseIfNoneMatch,
  problemSchema,
  type Route,
} from "@starter/service-kit/http";
import { z } from "zod";
import { type GatewayErrorCode, isGatewayErrorCode } from "../error-map.ts";
import { NEW_SIDE, type SharedDelivery } from "./delivery-participants.ts";
import { newDeliveryPath } from "./delivery-paths.ts";
import {
  DeliveryNotFoundError,
  GatewayTimeoutError,
  MigrationDriftError,
  ParticipantUnavailableError,
  ServiceUnreachableError,
  SideUnavailableError,
} from "./migration.errors.ts";
import type { MigrationReads, ReadFailure } from "./migration-reads.ts";

export type MigrationRoutesDeps = Readonly<{
  coordinator: Coordinator<SharedDelivery>;
  reads: MigrationReads;
  /** The longest a client waits for an answer (REQUEST_DEADLINE_MS). */
  requestDeadlineMs: number;
}>;

const path = "/v2/deliveries/{id}";
const params = z.object({ id: v2.resourceIdSchema });
const stored = { description: "The stored delivery.", schema: v2.deliverySchema, headers: ["ETag"] } as const;
/** A read is a whole version 2 delivery whichever side the split picked (see MigrationReads). */
const read = {
  description: "The delivery, from the side the read split picked (X-Served-By).",
  schema: v2.deliverySchema,
  headers: ["ETag"],
} as const;
/** What a coordinated write can answer besides a commit; a side's refusal outside these is a 502. */
const deleteErrors = [
  "coordination.drift",
  "coordination.participant_failed",
  "gateway.timeout",
  "gateway.service_unreachable",
  "request.precondition_failed",
  "resource.concurrent_modification",
] as const;
const putErrors = [...deleteErrors, "delivery.completed", "delivery.rule_violated", "request.invalid"] as const;

/**
 * The public entry during the migration: writes reach both services through the coordinator, reads go to
 * one side by the configured split. Clients see the version 2 contract only: conditional requests take
 * part in the coordination, and every error is the gateway's own problem+json.
 */
export function migrationRoutes(deps: MigrationRoutesDeps): Route<GatewayErrorCode>[] {
  return [
    defineRoute({
      operationId: "getDelivery",
      method: "get",
      path,
      params,
      summary: "Read a delivery, from the side the read split picks",
      description:
        "A whole version 2 delivery whichever side serves it (X-Served-By); 504/503 with Retry-After when the side is too slow or unreachable.",
      responses: { "200": read, "304": { description: "Not modified: If-None-Match names this state." } },
      errors: ["delivery.not_found", "migration.side_unavailable", "gateway.timeout", "gateway.service_unreachable"],
      handle: async (ctx, { params: { id } }) => {
        const answer = await deps.reads.read(id, ctx.state.requestId, Date.now() + deps.requestDeadlineMs);
        ctx.set("X-Served-By", answer.side);
        if (answer.kind === "absent") throw new DeliveryNotFoundError(id);
        if (answer.kind === "failed") throw readFailure(answer.side, answer.failure);
        ctx.body = answer.delivery;
        ctx.set("ETag", answer.etag);
        if (isNotModified(ctx.method, conditionHeader(ctx, "If-None-Match"), answer.etag)) ctx.status = 304;
      },
    }),
    defineRoute({
      operationId: "putDelivery",
      method: "put",
      path,
      params,
      body: { schema: v2.deliveryInputSchema, example: v2.deliveryInputExample },
      summary: "Create or replace a delivery on both services (coordinated)",
      description:
        "Written to both services or to neither (a side that refuses is put back); If-Match / If-None-Match take part; X-Coordination-Id names the coordination.",
      responses: { "200": stored, "201": { ...stored, headers: ["ETag", "Location"] } },
      errors: putErrors,
      handle: async (ctx, { params: { id }, body: input }) => {
        assertBodyIdMatches(input.id, id);
        const shared: SharedDelivery = { ...input, id, deadline: new Date(input.deadline).toISOString() };
        const outcome = await coordinate(ctx, putErrors, deps.requestDeadlineMs, (context) =>
          deps.coordinator.put(id, shared, context),
        );
        // The new side's answer to our write is the state it stored: no need to read it again.
        const written = outcome.stored[NEW_SIDE];
        if (!written) throw new Error(`coordination ${outcome.coordinationId} committed without the new side's state`);
        ctx.status = outcome.created ? 201 : 200;
        if (outcome.created) ctx.set("Location", newDeliveryPath(id));
        ctx.set("ETag", written.etag);
        ctx.body = written.representation;
      },
    }),
    defineRoute({
      operationId: "deleteDelivery",
      method: "delete",
      path,
      params,
      summary: "Delete a delivery on both services (coordinated)",
      description: "Deleted on both services or on neither; 204 also when it was already gone.",
      responses: { "204": { description: "Gone." } },
      errors: deleteErrors,
      handle: async (ctx, { params: { id } }) => {
        await coordinate(ctx, deleteErrors, deps.requestDeadlineMs, (context) => deps.coordinator.delete(id, context));
        ctx.status = 204;
      },
    }),
  ];
}

type Outcome = Awaited<ReturnType<Coordinator<SharedDelivery>["put"]>>;

type CoordinationRun = (context: {
  requestId: string;
  coordinationId: string;
  condition: ClientCondition;
}) => Promise<Outcome>;

/**
 * Runs a coordination with the client's request id and conditions, names it in `X-Coordination-Id`, and
 * turns every way it can end but a commit into the gateway's own error. The client's answer waits at most
 * `deadlineMs`: a coordination still running then (deciding an unknown outcome, putting a side back) goes on
 * without it, journaled like every other, and the client gets a 504 naming it.
 */
async function coordinate(
  ctx: AppContext,
  declared: readonly GatewayErrorCode[],
  deadlineMs: number,
  run: CoordinationRun,
): Promise<Outcome & { kind: "committed" }> {
  const coordinationId = randomUUID();
  ctx.set("X-Coordination-Id", coordinationId);
  const running = run({ requestId: ctx.state.requestId, coordinationId, condition: clientCondition(ctx) });
  let outcome: Outcome;
  try {
    outcome = await withinDeadline(running, deadlineMs, coordinationId, ctx);
  } catch (error) {
    if (!(error instanceof CoordinationDriftError)) throw error;
    throw new MigrationDriftError(error.drift.coordinationId);
  }
  if (outcome.kind === "precondition_failed") {
    throw new PreconditionFailedError("If-Match or If-None-Match does not hold for what the services hold");
  }
  if (outcome.kind === "reverted") throw refusalOf(outcome.failure, outcome.coordinationId, declared);
  return outcome;
}

/** The coordination's outcome, or a 504 when it is not known by the deadline (it still finishes, logged). */
async function withinDeadline(
  running: Promise<Outcome>,
  deadlineMs: number,
  coordinationId: string,
  ctx: AppContext,
): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), deadlineMs);
  });
  try {
    const first = await Promise.race([running, late]);
    if (first !== "late") return first;
  } finally {
    clearTimeout(timer);
  }
  running.then(
    (outcome) =>
      ctx.state.log.info({ coordinationId, outcome: outcome.kind }, "coordination finished after its answer"),
    (error: unknown) => ctx.state.log.error({ err: error, coordinationId }, "coordination failed after its answer"),
  );
  throw new GatewayTimeoutError(
    `coordination ${coordinationId} did not finish in time; it goes on and settles by itself`,
  );
}

function clientCondition(ctx: AppContext): ClientCondition {
  const tags = (condition: EntityTagCondition | undefined): EntityTags | undefined =>
    condition && (condition.kind === "any" ? "*" : condition.tags);
  const ifMatch = tags(parseIfMatch(conditionHeader(ctx, "If-Match")));
  const ifNoneMatch = tags(parseIfNoneMatch(conditionHeader(ctx, "If-None-Match")));
  return { ...(ifMatch && { ifMatch }), ...(ifNoneMatch && { ifNoneMatch }) };
}

/**
 * A side refused the request (4xx): the client gets that refusal as the gateway's own problem, with the
 * new side's pointers (they point into the version 2 body the client sent; the legacy side's would not).
 * A side that failed without saying why (no answer, a 5xx, a problem the route does not declare) is a 502.
 */
/** A read with no usable answer: too slow (504), unreachable (503), or an answer outside its contract (502). */
function readFailure(side: string, failure: ReadFailure): AppError {
  if (failure === "timed_out") return new GatewayTimeoutError(`the ${side} service did not answer the read in time`);
  if (failure === "unreachable") return new ServiceUnreachableError(side);
  return new SideUnavailableError(side);
}

function refusalOf(
  failure: ParticipantFailure,
  coordinationId: string,
  declared: readonly GatewayErrorCode[],
): AppError {
  const problem = problemSchema.safeParse(failure.detail);
  const code = problem.success ? problem.data.type.replace(/^urn:problem-type:/, "") : "";
  const passedOn = isGatewayErrorCode(code) && declared.includes(code);
  if (failure.unanswered === "timed_out") {
    return new GatewayTimeoutError(`the ${failure.participant} service did not answer in time; nothing was changed`);
  }
  if (failure.unanswered === "unreachable") return new ServiceUnreachableError(failure.participant);
  if (!problem.success || failure.status === undefined || failure.status >= 500 || !passedOn) {
    return new ParticipantUnavailableError(failure.participant, coordinationId);
  }
  const pointers = failure.participant === NEW_SIDE ? (problem.data.errors ?? []) : [];
  const violations = pointers.map((error) => ({ path: fromJsonPointer(error.pointer), detail: error.detail }));
  return new AppError(code, problem.data.detail ?? problem.data.title, { violations });
}
