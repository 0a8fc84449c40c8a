import * as v1 from "@starter/contracts/v1";
import { accessOf, type Principal } from "@starter/service-kit/auth";
import {
  answerPut,
  assertBodyIdMatches,
  type CommonErrorCode,
  conditionalWriteErrors,
  defineRoute,
  deleteRoute,
  type ErrorCodes,
  preconditionFor,
  type Route,
  readRoute,
  respondWithRepresentation,
} from "@starter/service-kit/http";
import { z } from "zod";
import { deliveryPath, toDetails, toDto } from "./legacy-delivery.dto.ts";
import type * as legacyErrors from "./legacy-delivery.errors.ts";
import type { LegacyDeliveryService } from "./legacy-delivery.service.ts";

/** The scopes a caller's token must hold, when the service authenticates (AUTH_MODE=jwt). */
const READ = ["deliveries:read"];
const WRITE = ["deliveries:write"];
/** Reaches every owner's deliveries; without it a caller sees its own only (someone else's: 404). */
const accessFor = (principal: Principal | undefined) => accessOf(principal, "deliveries:admin");

const path = "/v1/deliveries/{id}";
const params = z.object({ id: v1.resourceIdSchema });
/** The legacy service's ETags: `"legacy-<version>"`. */
const REPRESENTATION = "legacy";

/** The whole legacy contract: PUT, GET and DELETE of `/v1/deliveries/{id}`, with conditional requests. */
export function legacyDeliveryRoutes({
  service,
}: {
  service: LegacyDeliveryService;
}): Route<ErrorCodes<typeof legacyErrors> | CommonErrorCode>[] {
  const stored = {
    description: "The stored delivery.",
    schema: v1.deliverySchema,
    example: v1.deliveryExample,
  } as const;
  return [
    readRoute({
      ...{ operationId: "getDelivery", path, params, representation: REPRESENTATION, summary: "Read a delivery" },
      scopes: READ,
      description: "The delivery in version 1 with its ETag; If-None-Match with that ETag answers 304.",
      response: stored,
      errors: ["delivery.not_found"],
      read: async (id, principal) => {
        const delivery = await service.get(id, accessFor(principal));
        return { version: delivery.version, body: toDto(delivery) };
      },
    }),
    defineRoute({
      operationId: "putDelivery",
      scopes: WRITE,
      method: "put",
      path,
      params,
      body: { schema: v1.deliveryInputSchema, example: v1.deliveryInputExample },
      summary: "Create or replace a delivery (idempotent)",
      description:
        "201 when the id is new, 200 when replaced or unchanged; If-Match / If-None-Match: * make it conditional.",
      responses: { "200": { ...stored, headers: ["ETag"] }, "201": { ...stored, headers: ["ETag", "Location"] } },
      errors: ["delivery.not_found", "delivery.rule_violated", "delivery.owner_forbidden", ...conditionalWriteErrors],
      handle: async (ctx, { params: { id }, body, principal }) => {
        assertBodyIdMatches(body.id, id);
        const precondition = preconditionFor(ctx, REPRESENTATION);
        const { outcome, value } = await service.put(id, toDetails(body), precondition, accessFor(principal));
        answerPut(ctx, outcome, deliveryPath(id));
        respondWithRepresentation(ctx, { name: REPRESENTATION, version: value.version, body: toDto(value) });
      },
    }),
    deleteRoute({
      ...{ operationId: "deleteDelivery", path, params, representation: REPRESENTATION, summary: "Delete a delivery" },
      scopes: WRITE,
      description: "204, also when it was already gone; If-Match makes it conditional.",
      errors: ["delivery.not_found", ...conditionalWriteErrors],
      remove: (id, precondition, principal) => service.delete(id, precondition, accessFor(principal)),
    }),
  ];
}
