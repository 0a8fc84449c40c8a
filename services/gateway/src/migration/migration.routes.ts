import Router from "@koa/router";
import * as v2 from "@starter/contracts/v2";
import { CoordinationDriftError, type Coordinator, type ParticipantFailure } from "@starter/coordination";
import { InvalidRequestError } from "@starter/service-kit/errors";
import { type AppContext, type AppState, parseRequest } from "@starter/service-kit/http";
import { NEW_SIDE, type SharedDelivery } from "./delivery-participants.ts";
import { MigrationDriftError, ParticipantUnavailableError } from "./migration.errors.ts";
import type { MigrationReads } from "./migration-reads.ts";

export type MigrationRoutesDeps = Readonly<{ coordinator: Coordinator<SharedDelivery>; reads: MigrationReads }>;

/**
 * The public entry during the migration: writes reach both services through the coordinator, reads go to
 * one side by the configured split. Clients see the version 2 contract only.
 */
export function migrationRoutes(deps: MigrationRoutesDeps): Router<AppState> {
  const router = new Router<AppState>();
  const path = "/v2/deliveries/:id";

  router.get(path, async (ctx) => {
    const answer = await deps.reads.read(pathId(ctx), ctx.state.requestId);
    ctx.status = answer.status;
    if (answer.etag) ctx.set("ETag", answer.etag);
    ctx.set("X-Served-By", answer.side);
    if (answer.body !== undefined) ctx.body = answer.body;
  });

  router.put(path, async (ctx) => {
    const id = pathId(ctx);
    const input = parseRequest(v2.deliveryInputSchema, ctx.state.body, "body");
    if (input.id !== undefined && input.id !== id) {
      throw new InvalidRequestError("the id in the body differs from the id in the URL", [
        { path: ["id"], detail: `must be ${id}` },
      ]);
    }
    const shared: SharedDelivery = { ...input, id, deadline: new Date(input.deadline).toISOString() };
    const outcome = await coordinate(ctx, () => deps.coordinator.put(id, shared, { requestId: ctx.state.requestId }));
    ctx.set("X-Coordination-Id", outcome.coordinationId);
    if (outcome.kind === "reverted") return answerReverted(ctx, outcome.failure, outcome.coordinationId);
    // The new side's answer to our write is the state it stored: no need to read it again.
    const stored = outcome.stored[NEW_SIDE];
    if (!stored) throw new Error(`coordination ${outcome.coordinationId} committed without the new side's state`);
    ctx.status = outcome.created ? 201 : 200;
    if (outcome.created) ctx.set("Location", `/v2/deliveries/${encodeURIComponent(id)}`);
    ctx.set("ETag", stored.etag);
    ctx.body = stored.representation;
  });

  router.delete(path, async (ctx) => {
    const outcome = await coordinate(ctx, () =>
      deps.coordinator.delete(pathId(ctx), { requestId: ctx.state.requestId }),
    );
    ctx.set("X-Coordination-Id", outcome.coordinationId);
    if (outcome.kind === "reverted") return answerReverted(ctx, outcome.failure, outcome.coordinationId);
    ctx.status = 204;
  });

  return router;
}

function pathId(ctx: AppContext & { params: Record<string, string> }): string {
  return parseRequest(v2.resourceIdSchema, ctx.params.id, "resource id in the URL");
}

/** Runs a coordination; a drift becomes the gateway's 502, still naming the coordination in its header. */
async function coordinate<T>(ctx: AppContext, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof CoordinationDriftError)) throw error;
    ctx.set("X-Coordination-Id", error.drift.coordinationId);
    throw new MigrationDriftError(error.drift.coordinationId);
  }
}

/**
 * A participant refused the request (4xx): that answer is the client's, passed on as it came. A side that
 * failed without saying why (no answer, 5xx) is the gateway's problem to report: 502.
 */
function answerReverted(ctx: AppContext, failure: ParticipantFailure, coordinationId: string): void {
  if (failure.status === undefined || failure.status >= 500)
    throw new ParticipantUnavailableError(failure.participant, coordinationId);
  ctx.status = failure.status;
  ctx.type = "application/problem+json";
  ctx.body = failure.detail;
}
