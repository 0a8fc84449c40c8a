import * as v2 from "@starter/contracts/v2";
import { CoordinationDriftError, type Coordinator, type ParticipantFailure } from "@starter/coordination";
import { InvalidRequestError } from "@starter/service-kit/errors";
import { type AppContext, defineRoute, type Route } from "@starter/service-kit/http";
import { z } from "zod";
import { NEW_SIDE, type SharedDelivery } from "./delivery-participants.ts";
import { MigrationDriftError, ParticipantUnavailableError } from "./migration.errors.ts";
import type { MigrationReads } from "./migration-reads.ts";

export type MigrationRoutesDeps = Readonly<{ coordinator: Coordinator<SharedDelivery>; reads: MigrationReads }>;

const path = "/v2/deliveries/{id}";
const params = z.object({ id: v2.resourceIdSchema });
const stored = { description: "The stored delivery.", schema: v2.deliverySchema, headers: ["ETag"] } as const;
const coordinationErrors = ["coordination.drift", "coordination.participant_failed"] as const;

/**
 * The public entry during the migration: writes reach both services through the coordinator, reads go to
 * one side by the configured split. Clients see the version 2 contract only.
 */
export function migrationRoutes(deps: MigrationRoutesDeps): Route[] {
  return [
    defineRoute({
      operationId: "getDelivery",
      method: "get",
      path,
      params,
      summary: "Read a delivery, from the side the read split picks",
      responses: { "200": stored },
      handle: async (ctx, { params: { id } }) => {
        const answer = await deps.reads.read(id, ctx.state.requestId);
        ctx.status = answer.status;
        if (answer.etag) ctx.set("ETag", answer.etag);
        ctx.set("X-Served-By", answer.side);
        if (answer.body !== undefined) ctx.body = answer.body;
      },
    }),
    defineRoute({
      operationId: "putDelivery",
      method: "put",
      path,
      params,
      body: { schema: v2.deliveryInputSchema, example: v2.deliveryInputExample },
      summary: "Create or replace a delivery on both services (coordinated)",
      responses: { "200": stored, "201": { ...stored, headers: ["ETag", "Location"] } },
      errors: [...coordinationErrors],
      handle: async (ctx, { params: { id }, body: input }) => {
        if (input.id !== undefined && input.id !== id) {
          throw new InvalidRequestError("the id in the body differs from the id in the URL", [
            { path: ["id"], detail: `must be ${id}` },
          ]);
        }
        const shared: SharedDelivery = { ...input, id, deadline: new Date(input.deadline).toISOString() };
        const outcome = await coordinate(ctx, () =>
          deps.coordinator.put(id, shared, { requestId: ctx.state.requestId }),
        );
        ctx.set("X-Coordination-Id", outcome.coordinationId);
        if (outcome.kind === "reverted") return answerReverted(ctx, outcome.failure, outcome.coordinationId);
        // The new side's answer to our write is the state it stored: no need to read it again.
        const written = outcome.stored[NEW_SIDE];
        if (!written) throw new Error(`coordination ${outcome.coordinationId} committed without the new side's state`);
        ctx.status = outcome.created ? 201 : 200;
        if (outcome.created) ctx.set("Location", `/v2/deliveries/${encodeURIComponent(id)}`);
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
      responses: { "204": { description: "Gone." } },
      errors: [...coordinationErrors],
      handle: async (ctx, { params: { id } }) => {
        const outcome = await coordinate(ctx, () => deps.coordinator.delete(id, { requestId: ctx.state.requestId }));
        ctx.set("X-Coordination-Id", outcome.coordinationId);
        if (outcome.kind === "reverted") return answerReverted(ctx, outcome.failure, outcome.coordinationId);
        ctx.status = 204;
      },
    }),
  ];
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
