import * as v1 from "@starter/contracts/v1";
import { InvalidRequestError } from "@starter/service-kit/errors";
import {
  answerPut,
  defineRoute,
  preconditionFor,
  type Route,
  respondWithRepresentation,
} from "@starter/service-kit/http";
import { z } from "zod";
import type { LegacyErrorCode } from "../error-map.ts";
import { deliveryPath, toDetails, toDto } from "./legacy-delivery.dto.ts";
import type { LegacyDeliveryService } from "./legacy-delivery.service.ts";

const path = "/v1/deliveries/{id}";
const params = z.object({ id: v1.resourceIdSchema });
/** The legacy service's ETags: `"legacy-<version>"`. */
const REPRESENTATION = "legacy";
const conditionalWrite = ["request.precondition_failed", "resource.concurrent_modification"] as const;

/** The whole legacy contract: PUT, GET and DELETE of `/v1/deliveries/{id}`, with conditional requests. */
export function legacyDeliveryRoutes({ service }: { service: LegacyDeliveryService }): Route<LegacyErrorCode>[] {
  const stored = { description: "The stored delivery.", schema: v1.deliverySchema, headers: ["ETag"] } as const;
  return [
    defineRoute({
      operationId: "getDelivery",
      method: "get",
      path,
      params,
      summary: "Read a delivery",
      responses: { "200": stored, "304": { description: "Not modified." } },
      errors: ["delivery.not_found"],
      handle: async (ctx, input) => {
        const delivery = await service.get(input.params.id);
        respondWithRepresentation(ctx, { name: REPRESENTATION, version: delivery.version, body: toDto(delivery) });
      },
    }),
    defineRoute({
      operationId: "putDelivery",
      method: "put",
      path,
      params,
      body: { schema: v1.deliveryInputSchema, example: v1.deliveryInputExample },
      summary: "Create or replace a delivery (idempotent)",
      responses: { "200": stored, "201": { ...stored, headers: ["ETag", "Location"] } },
      errors: ["delivery.rule_violated", ...conditionalWrite],
      handle: async (ctx, { params: { id }, body }) => {
        if (body.id !== undefined && body.id !== id) {
          throw new InvalidRequestError("the id in the body differs from the id in the URL", [
            { path: ["id"], detail: `must be ${id}` },
          ]);
        }
        const { outcome, value } = await service.put(id, toDetails(body), preconditionFor(ctx, REPRESENTATION));
        answerPut(ctx, outcome, deliveryPath(id));
        respondWithRepresentation(ctx, { name: REPRESENTATION, version: value.version, body: toDto(value) });
      },
    }),
    defineRoute({
      operationId: "deleteDelivery",
      method: "delete",
      path,
      params,
      summary: "Delete a delivery (idempotent)",
      responses: { "204": { description: "Gone." } },
      errors: [...conditionalWrite],
      handle: async (ctx, input) => {
        await service.delete(input.params.id, preconditionFor(ctx, REPRESENTATION));
        ctx.status = 204;
      },
    }),
  ];
}
