import * as v2 from "@starter/contracts/v2";
import { remapViolations } from "@starter/service-kit/errors";
import {
  answerPut,
  assertBodyIdMatches,
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
import { DELIVERY_SCOPES, deliveryAccessOf } from "./delivery.access.ts";
import {
  type DeliveryWire,
  deliveryPath,
  toConfirmation,
  toConfirmationDto,
  toDeliveryDto,
  v2Wire,
  type WireInput,
} from "./delivery.dto.ts";
import type * as deliveryErrors from "./delivery.errors.ts";
import type { DeliveryService } from "./delivery.service.ts";
import type { Confirmation, Delivery } from "./delivery.ts";
import { v1Wire } from "./delivery.v1.dto.ts";

/** The scopes a caller's token must hold, when the service authenticates (AUTH_MODE=jwt). */
const READ = [DELIVERY_SCOPES.read];
const WRITE = [DELIVERY_SCOPES.write];

type DeliveryRoute = Route<
  ErrorCodes<typeof deliveryErrors> | "request.precondition_failed" | "resource.concurrent_modification"
>;

const params = z.object({ id: v2.resourceIdSchema });

/**
 * Thin handlers: the declaration parses the request, the handler calls one use case and answers with
 * status, headers and a DTO. The item routes are one set of handlers served for every major through its
 * wire; the collection and the parts of a delivery exist from version 2 on. Every use case is given the
 * caller's access (`deliveryAccessOf`): someone else's delivery is not found, whichever route asks.
 */
export function deliveryRoutes({ service }: { service: DeliveryService }): DeliveryRoute[] {
  return [
    listRoute(service),
    ...itemRoutes(service, v1Wire),
    ...itemRoutes(service, v2Wire),
    ...dropoffRoutes(service),
    ...confirmationRoutes(service),
  ];
}

function itemRoutes<Input extends WireInput>(service: DeliveryService, wire: DeliveryWire<Input>): DeliveryRoute[] {
  const path = `/v${wire.major}/deliveries/{id}`;
  const representation = `v${wire.major}-delivery`;
  const stored = { description: "The stored delivery.", ...wire.output, headers: ["ETag"] } as const;
  return [
    readRoute({
      ...{ operationId: "getDelivery", path, params, representation, summary: "Read a delivery" },
      scopes: READ,
      description: "The delivery with its ETag; If-None-Match with that ETag answers 304.",
      response: stored,
      errors: ["delivery.not_found"],
      read: async (id, principal) => {
        const delivery = await service.get(id, deliveryAccessOf(principal));
        return { version: delivery.version, body: wire.toWire(delivery) };
      },
    }),
    defineRoute({
      operationId: "putDelivery",
      scopes: WRITE,
      method: "put",
      path,
      params,
      body: wire.input,
      summary: "Create or replace a delivery (idempotent)",
      description:
        "201 + Location when the id is new, 200 when replaced or unchanged (a replay changes nothing). If-Match makes it a conditional replace, If-None-Match: * a create-only.",
      responses: {
        "200": {
          ...stored,
          description: "Replaced, or unchanged when the same representation is sent again.",
          headers: ["ETag", "Content-Location"],
        },
        "201": { ...stored, description: "Created.", headers: ["ETag", "Location", "Content-Location"] },
      },
      errors: [
        "delivery.not_found",
        "delivery.completed",
        "delivery.rule_violated",
        "delivery.owner_forbidden",
        ...conditionalWriteErrors,
      ],
      handle: async (ctx, { params: { id }, body, principal }) => {
        assertBodyIdMatches(body.id, id);
        const result = await service
          .put(id, wire.detailsFor(body), preconditionFor(ctx, representation), deliveryAccessOf(principal))
          .catch((error: unknown) => {
            throw remapViolations(error, wire.requestPath);
          });
        answerPut(ctx, result.outcome, deliveryPath(id, wire.major));
        respondWithRepresentation(ctx, {
          name: representation,
          version: result.value.version,
          body: wire.toWire(result.value),
        });
      },
    }),
    deleteRoute({
      ...{ operationId: "deleteDelivery", path, params, representation, summary: "Delete a delivery (idempotent)" },
      scopes: WRITE,
      description:
        "204, also when it was already gone; If-Match makes it conditional on the state the client saw. Someone else's delivery is not found.",
      errors: ["delivery.not_found", ...conditionalWriteErrors],
      remove: (id, precondition, principal) => service.delete(id, precondition, deliveryAccessOf(principal)),
    }),
  ];
}

function listRoute(service: DeliveryService): DeliveryRoute {
  return defineRoute({
    operationId: "listDeliveries",
    scopes: READ,
    method: "get",
    path: "/v2/deliveries",
    query: v2.deliveryQuerySchema,
    summary: "List deliveries, filtered, in pages",
    description:
      "Deliveries ordered by id, filtered by status and owner; follow _links.next for the next page (keyset paging: stable while deliveries are added). A caller sees its own deliveries only, unless its token holds deliveries:admin.",
    responses: {
      "200": {
        description: "One page and a link to the next.",
        schema: v2.deliveryPageSchema,
        example: v2.deliveryPageExample,
      },
    },
    handle: async (ctx, { query: { status, ownerId, limit, cursor }, principal }) => {
      const filter = { ...(status && { status }), ...(ownerId && { ownerId }) };
      const pageRequest = { limit, ...(cursor && { afterId: cursor }) };
      const page = await service.list(filter, pageRequest, deliveryAccessOf(principal));
      const body: v2.DeliveryPage = { items: page.items.map(toDeliveryDto), _links: { self: { href: ctx.url } } };
      const last = page.items.at(-1);
      if (page.hasMore && last) {
        const next = new URLSearchParams({ ...filter, limit: String(limit), cursor: last.id });
        body._links.next = { href: `/v2/deliveries?${next}` };
      }
      ctx.body = body;
    },
  });
}

function dropoffRoutes(service: DeliveryService): DeliveryRoute[] {
  const path = "/v2/deliveries/{id}/dropoff";
  const representation = "v2-dropoff";
  const stored = {
    description: "The delivery's dropoff.",
    schema: v2.coordinatesSchema,
    example: v2.dropoffExample,
  } as const;
  const dropoffOf = (delivery: Delivery) => ({ version: delivery.version, body: { ...delivery.dropoff } });
  return [
    readRoute({
      ...{ operationId: "getDropoff", path, params, representation, summary: "Read the dropoff" },
      scopes: READ,
      description: "Where the delivery goes, with the delivery's ETag.",
      response: stored,
      errors: ["delivery.not_found"],
      read: async (id, principal) => dropoffOf(await service.get(id, deliveryAccessOf(principal))),
    }),
    defineRoute({
      operationId: "putDropoff",
      scopes: WRITE,
      method: "put",
      path,
      params,
      body: { schema: v2.coordinatesSchema, example: v2.dropoffExample },
      summary: "Replace the dropoff",
      description: "Replaces the dropoff of the delivery, a value object; 409 once the delivery is delivered.",
      responses: { "200": { ...stored, headers: ["ETag", "Content-Location"] } },
      errors: ["delivery.not_found", "delivery.completed", "delivery.rule_violated", ...conditionalWriteErrors],
      handle: async (ctx, { params: { id }, body, principal }) => {
        const precondition = preconditionFor(ctx, representation);
        const { value } = await service.putDropoff(id, body, precondition, deliveryAccessOf(principal));
        ctx.set("Content-Location", `${deliveryPath(id)}/dropoff`);
        respondWithRepresentation(ctx, { name: representation, ...dropoffOf(value) });
      },
    }),
  ];
}

function confirmationRoutes(service: DeliveryService): DeliveryRoute[] {
  const path = "/v2/deliveries/{id}/confirmation";
  const representation = "v2-confirmation";
  const stored = {
    description: "The delivery's confirmation.",
    schema: v2.confirmationSchema,
    example: v2.confirmationExample,
  } as const;
  const confirmationOf = (delivery: Delivery, confirmation: Confirmation) => ({
    version: delivery.version,
    body: toConfirmationDto(delivery, confirmation),
  });
  return [
    readRoute({
      ...{ operationId: "getConfirmation", path, params, representation, summary: "Read the confirmation" },
      scopes: READ,
      description: "Who received the delivery and when; 404 until it is confirmed.",
      response: stored,
      errors: ["delivery.not_found", "delivery.confirmation_not_found"],
      read: async (id, principal) => {
        const { delivery, confirmation } = await service.getConfirmation(id, deliveryAccessOf(principal));
        return confirmationOf(delivery, confirmation);
      },
    }),
    defineRoute({
      operationId: "putConfirmation",
      scopes: WRITE,
      method: "put",
      path,
      params,
      body: { schema: v2.confirmationInputSchema, example: v2.confirmationInputExample },
      summary: "Create or replace the confirmation (hands the delivery over)",
      description: "Records who received the delivery and when; the delivery becomes delivered and its details final.",
      responses: {
        "200": { ...stored, description: "Replaced, or unchanged.", headers: ["ETag", "Content-Location"] },
        "201": { ...stored, description: "Created.", headers: ["ETag", "Location", "Content-Location"] },
      },
      errors: ["delivery.not_found", "delivery.rule_violated", ...conditionalWriteErrors],
      handle: async (ctx, { params: { id }, body, principal }) => {
        const precondition = preconditionFor(ctx, representation);
        const result = await service.putConfirmation(
          id,
          toConfirmation(body),
          precondition,
          deliveryAccessOf(principal),
        );
        answerPut(ctx, result.outcome, `${deliveryPath(id)}/confirmation`);
        respondWithRepresentation(ctx, {
          name: representation,
          ...confirmationOf(result.delivery, result.confirmation),
        });
      },
    }),
  ];
}
