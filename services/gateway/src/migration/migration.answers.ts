import { randomUUID } from "node:crypto";
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
  conditionHeader,
  type EntityTagCondition,
  fromJsonPointer,
  parseIfMatch,
  parseIfNoneMatch,
  problemSchema,
} from "@starter/service-kit/http";
import { type GatewayErrorCode, isGatewayErrorCode } from "../error-map.ts";
import { NEW_SIDE, type SharedDelivery } from "./delivery-participants.ts";
import {
  GatewayTimeoutError,
  MigrationDriftError,
  ParticipantUnavailableError,
  ServiceUnreachableError,
  SideUnavailableError,
} from "./migration.errors.ts";
import type { ReadFailure } from "./side-answer.ts";

/**
 * How the gateway answers what its participants did: a coordination's outcome, within the request's
 * deadline, and a read that found no usable answer, each as the gateway's own error.
 */

export type Outcome = Awaited<ReturnType<Coordinator<SharedDelivery>["put"]>>;

type CoordinationRun = (context: {
  requestId: string;
  coordinationId: string;
  condition: ClientCondition;
  authorization: string;
}) => Promise<Outcome>;

/**
 * Runs a coordination with the client's request id, conditions and token, names it in `X-Coordination-Id`, and
 * turns every way it can end but a commit into the gateway's own error. The client's answer waits at most
 * `deadlineMs`: a coordination still running then (deciding an unknown outcome, putting a side back) goes on
 * without it, journaled like every other, and the client gets a 504 naming it.
 */
export async function coordinate(
  ctx: AppContext,
  declared: readonly GatewayErrorCode[],
  deadlineMs: number,
  run: CoordinationRun,
): Promise<Outcome & { kind: "committed" }> {
  const coordinationId = randomUUID();
  ctx.set("X-Coordination-Id", coordinationId);
  // The client's own token goes to both sides (empty when it sent none): each applies its rules to the client.
  const authorization = ctx.get("Authorization");
  const running = run({
    requestId: ctx.state.requestId,
    coordinationId,
    condition: clientCondition(ctx),
    authorization,
  });
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
  if (outcome.kind === "unknown") {
    throw new GatewayTimeoutError(
      `coordination ${outcome.coordinationId}: the ${outcome.failure.participant} service did not answer its write; recovery settles it by itself`,
    );
  }
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

/** A read with no usable answer: too slow (504), unreachable (503), or an answer outside its contract (502). */
export function readFailure(side: string, failure: ReadFailure): AppError {
  return failure === "bad_answer" ? new SideUnavailableError(side) : unanswered(side, failure);
}

/** A side that gave no answer at all: too slow (504) or not reachable (503); nothing was changed. */
function unanswered(side: string, why: "timed_out" | "unreachable"): AppError {
  if (why === "timed_out")
    return new GatewayTimeoutError(`the ${side} service did not answer in time; nothing was changed`);
  return new ServiceUnreachableError(side);
}

/**
 * A side refused the request (4xx): the client gets that refusal as the gateway's own problem, with the
 * new side's pointers (they point into the version 2 body the client sent; the legacy side's would not)
 * and the side's Retry-After and RateLimit headers (a 429 is the client's own limit on that side: without
 * them it could not know when to come back).
 * A side that gave no answer is a 504 or 503; one that failed without saying why (a 5xx, a problem the
 * route does not declare) is a 502.
 */
function refusalOf(
  failure: ParticipantFailure,
  coordinationId: string,
  declared: readonly GatewayErrorCode[],
): AppError {
  const problem = problemSchema.safeParse(failure.detail);
  const code = problem.success ? problem.data.type.replace(/^urn:problem-type:/, "") : "";
  const passedOn = isGatewayErrorCode(code) && declared.includes(code);
  if (failure.unanswered) return unanswered(failure.participant, failure.unanswered);
  if (!problem.success || failure.status === undefined || failure.status >= 500 || !passedOn) {
    return new ParticipantUnavailableError(failure.participant, coordinationId);
  }
  const pointers = failure.participant === NEW_SIDE ? (problem.data.errors ?? []) : [];
  const violations = pointers.map((error) => ({ path: fromJsonPointer(error.pointer), detail: error.detail }));
  return new AppError(code, problem.data.detail ?? problem.data.title, { violations, headers: failure.headers ?? {} });
}
