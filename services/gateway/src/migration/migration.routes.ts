import * as v2 from "@starter/contracts/v2";
import type { Coordinator } from "@starter/coordination";
import {
  assertBodyIdMatches,
  conditionHeader,
  created,
  defineRoute,
  isNotModified,
  noContent,
  ok,
  type Route,
} from "@starter/service-kit/http";
import { z } from "zod";
import type { GatewayErrorCode } from "../error-map.ts";
import { NEW_SIDE, type SharedDelivery } from "./delivery-participants.ts";
import { newDeliveryPath } from "./delivery-paths.ts";
import { coordinate, readFailure } from "./migration.answers.ts";
import { DeliveryNotFoundError } from "./migration.errors.ts";
import type { MigrationReads } from "./migration-reads.ts";

/** The scopes a caller's token must hold, when the service authenticates (AUTH_MODE=jwt). */
const READ = ["deliveries:read"];
const WRITE = ["deliveries:write"];

export type MigrationRoutesDeps = Readonly<{
  coordinator: Coordinator<SharedDelivery>;
  reads: MigrationReads;
  /** The longest a client waits for an answer (REQUEST_DEADLINE_MS). */
  requestDeadlineMs: number;
}>;

const path = "/v2/deliveries/{id}";
const params = z.object({ id: v2.resourceIdSchema });
const stored = {
  description: "The stored delivery.",
  schema: v2.deliverySchema,
  example: v2.deliveryExample,
  headers: ["ETag"],
} as const;
/** A read is a whole version 2 delivery whichever side the split picked (see MigrationReads). */
const read = {
  description: "The delivery, from the side the read split picked (X-Served-By).",
  schema: v2.deliverySchema,
  example: v2.deliveryExample,
  headers: ["ETag"],
} as const;
/** What a coordinated write can answer besides a commit; a side's refusal outside these is a 502. */
const deleteErrors = [
  "delivery.not_found",
  // The services limit each client's writes: a side's 429 is the client's, passed on.
  "rate_limit.exceeded",
  "coordination.drift",
  "coordination.participant_failed",
  "gateway.timeout",
  "gateway.service_unreachable",
  "request.precondition_failed",
  "resource.concurrent_modification",
] as const;
const putErrors = [
  ...deleteErrors,
  "delivery.completed",
  "delivery.rule_violated",
  "delivery.owner_forbidden",
  "request.invalid",
] as const;

/**
 * The public entry during the migration: writes reach both services through the coordinator, reads go to
 * one side by the configured split. Clients see the version 2 contract only: conditional requests take
 * part in the coordination, and every error is the gateway's own problem+json.
 */
export function migrationRoutes(deps: MigrationRoutesDeps): Route<GatewayErrorCode>[] {
  return [
    defineRoute({
      operationId: "getDelivery",
      scopes: READ,
      method: "get",
      path,
      params,
      summary: "Read a delivery, from the side the read split picks",
      description:
        "A whole version 2 delivery whichever side serves it (X-Served-By); 504/503 with Retry-After when the side is too slow or unreachable.",
      responses: { "200": read, "304": { description: "Not modified: If-None-Match names this state." } },
      errors: ["delivery.not_found", "migration.side_unavailable", "gateway.timeout", "gateway.service_unreachable"],
      handle: async (ctx, { params: { id } }) => {
        const caller = { requestId: ctx.state.requestId, authorization: ctx.get("Authorization") };
        const answer = await deps.reads.read(id, caller, Date.now() + deps.requestDeadlineMs);
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
      scopes: WRITE,
      method: "put",
      path,
      params,
      body: { schema: v2.deliveryInputSchema, example: v2.deliveryInputExample },
      summary: "Create or replace a delivery on both services (coordinated)",
      description:
        "Written to both services or to neither (a side that refuses is put back); If-Match / If-None-Match take part; X-Coordination-Id names the coordination.",
      responses: {
        "200": { ...stored, headers: ["ETag", "Content-Location"] },
        "201": { ...stored, headers: ["ETag", "Location", "Content-Location"] },
      },
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
        // The contract of every create-or-replace PUT: 201 + Location when created, 200 otherwise, with
        // Content-Location and the stored state's ETag (the new side's: its representation is the answer).
        const location = newDeliveryPath(id);
        const headers = { ETag: written.etag, "Content-Location": location };
        return outcome.created
          ? created(written.representation, location, headers)
          : ok(written.representation, headers);
      },
    }),
    defineRoute({
      operationId: "deleteDelivery",
      scopes: WRITE,
      method: "delete",
      path,
      params,
      summary: "Delete a delivery on both services (coordinated)",
      description: "Deleted on both services or on neither; 204 also when it was already gone.",
      responses: { "204": { description: "Gone." } },
      errors: deleteErrors,
      handle: async (ctx, { params: { id } }) => {
        await coordinate(ctx, deleteErrors, deps.requestDeadlineMs, (context) => deps.coordinator.delete(id, context));
        return noContent();
      },
    }),
  ];
}
