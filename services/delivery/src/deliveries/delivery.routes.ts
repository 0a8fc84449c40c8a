import * as v2 from "@starter/contracts/v2";
import * as v3 from "@starter/contracts/v3";
import { remapViolations } from "@starter/service-kit/errors";
import {
  aggregateRoutes,
  type CommonErrorCode,
  conditionalWriteErrors,
  defineRoute,
  type ErrorCodes,
  preconditionFor,
  type Route,
  representationAnswer,
} from "@starter/service-kit/http";
import { z } from "zod";
import { DELIVERY_SCOPES, deliveryAccessOf } from "./delivery.access.ts";
import {
  type DeliveryWire,
  deliveryPath,
  toConfirmation,
  toConfirmationDto,
  v3Wire,
  type WireInput,
} from "./delivery.dto.ts";
import type * as deliveryErrors from "./delivery.errors.ts";
import { v1Wire, v2Wire } from "./delivery.older-wires.ts";
import type { DeliveryService } from "./delivery.service.ts";
import type { Delivery } from "./delivery.ts";

type DeliveryRoute = Route<ErrorCodes<typeof deliveryErrors> | CommonErrorCode>;

const params = z.object({ id: v2.resourceIdSchema });

/** What every route of a delivery's resources shares: who may reach it, and with which scopes. */
const base = {
  params,
  accessOf: deliveryAccessOf,
  scopes: { read: [DELIVERY_SCOPES.read], write: [DELIVERY_SCOPES.write] },
};

/**
 * Thin routes: the kit applies the HTTP contract (ETags, conditional requests, 201/200, paging) around one
 * use case each, and hands it the caller's access: someone else's delivery is not found, whichever route
 * asks. The item routes are one set served for every major through its wire; the parts of a delivery exist
 * from version 2 on, the same in 2 and 3; the collection is version 2's (the preview 3 leaves it out).
 */
export function deliveryRoutes({ service }: { service: DeliveryService }): DeliveryRoute[] {
  return [
    listRoute(service),
    ...itemRoutes(service, v1Wire),
    ...itemRoutes(service, v2Wire),
    ...itemRoutes(service, v3Wire),
    ...partVersions.flatMap((part) => [...dropoffRoutes(service, part), ...confirmationRoutes(service, part)]),
  ];
}

/** The majors that serve a delivery's dropoff and confirmation, with the examples their documents show. */
const partVersions = [
  { major: 2, examples: v2 },
  { major: 3, examples: v3 },
] as const;
type PartVersion = (typeof partVersions)[number];

function itemRoutes<Input extends WireInput>(service: DeliveryService, wire: DeliveryWire<Input>): DeliveryRoute[] {
  const deliveries = aggregateRoutes({
    ...base,
    path: `/v${wire.major}/deliveries/{id}`,
    representation: `v${wire.major}-delivery`,
  });
  const stored = { description: "The stored delivery.", ...wire.output } as const;
  return [
    deliveries.read({
      operationId: "getDelivery",
      summary: "Read a delivery",
      description: "The delivery with its ETag; If-None-Match with that ETag answers 304.",
      response: stored,
      errors: ["delivery.not_found"],
      read: async (id, access) => {
        const delivery = await service.get(id, access);
        return { version: delivery.version, body: wire.toWire(delivery) };
      },
    }),
    deliveries.put({
      operationId: "putDelivery",
      summary: "Create or replace a delivery (idempotent)",
      description:
        "201 + Location when the id is new, 200 when replaced or unchanged (a replay changes nothing). If-Match makes it a conditional replace, If-None-Match: * a create-only.",
      body: wire.input,
      response: stored,
      location: (id) => deliveryPath(id, wire.major),
      errors: [
        "delivery.not_found",
        "delivery.completed",
        "delivery.rule_violated",
        "delivery.owner_forbidden",
        ...conditionalWriteErrors,
      ],
      put: async (id, body, precondition, access) => {
        const { outcome, value } = await service.put(id, wire.detailsFor(body), precondition, access).catch((error) => {
          throw remapViolations(error, wire.requestPath);
        });
        return { outcome, version: value.version, body: wire.toWire(value) };
      },
    }),
    deliveries.remove({
      operationId: "deleteDelivery",
      summary: "Delete a delivery (idempotent)",
      description:
        "204, also when it was already gone; If-Match makes it conditional on the state the client saw. Someone else's delivery is not found.",
      errors: ["delivery.not_found", ...conditionalWriteErrors],
      remove: (id, precondition, access) => service.delete(id, precondition, access),
    }),
  ];
}

function listRoute(service: DeliveryService): DeliveryRoute {
  return aggregateRoutes({ ...base, path: "/v2/deliveries/{id}", representation: "v2-delivery" }).list({
    operationId: "listDeliveries",
    path: "/v2/deliveries",
    query: v2.deliveryQuerySchema,
    summary: "List deliveries, filtered, in pages",
    description:
      "Deliveries ordered by id, filtered by status and owner; follow _links.next for the next page (keyset paging: stable while deliveries are added). A caller sees its own deliveries only, unless its token holds deliveries:admin.",
    response: { schema: v2.deliveryPageSchema, example: v2.deliveryPageExample },
    list: (filter, page, access) => service.list(filter, page, access),
    item: (delivery) => v2Wire.toWire(delivery) as v2.Delivery,
  });
}

function dropoffRoutes(service: DeliveryService, { major, examples }: PartVersion): DeliveryRoute[] {
  const path = `/v${major}/deliveries/{id}/dropoff`;
  const representation = `v${major}-dropoff`;
  const stored = {
    description: "The delivery's dropoff.",
    schema: v2.coordinatesSchema,
    example: examples.dropoffExample,
  };
  const dropoffOf = (delivery: Delivery) => ({ version: delivery.version, body: { ...delivery.dropoff } });
  return [
    aggregateRoutes({ ...base, path, representation }).read({
      operationId: "getDropoff",
      summary: "Read the dropoff",
      description: "Where the delivery goes, with the delivery's ETag.",
      response: stored,
      errors: ["delivery.not_found"],
      read: async (id, access) => dropoffOf(await service.get(id, access)),
    }),
    // A part replaced on an existing delivery, never created: a 200 of its own, not the create-or-replace PUT.
    defineRoute({
      operationId: "putDropoff",
      scopes: base.scopes.write,
      method: "put",
      path,
      params,
      body: { schema: v2.coordinatesSchema, example: examples.dropoffExample },
      summary: "Replace the dropoff",
      description: "Replaces the dropoff of the delivery, a value object; 409 once the delivery is delivered.",
      responses: { "200": { ...stored, headers: ["ETag", "Content-Location"] } },
      errors: ["delivery.not_found", "delivery.completed", "delivery.rule_violated", ...conditionalWriteErrors],
      handle: async (ctx, { params: { id }, body, principal }) => {
        const precondition = preconditionFor(ctx, representation);
        const { value } = await service.putDropoff(id, body, precondition, deliveryAccessOf(principal));
        ctx.set("Content-Location", `${deliveryPath(id, major)}/dropoff`);
        return representationAnswer({ name: representation, ...dropoffOf(value) });
      },
    }),
  ];
}

function confirmationRoutes(service: DeliveryService, { major, examples }: PartVersion): DeliveryRoute[] {
  const confirmations = aggregateRoutes({
    ...base,
    path: `/v${major}/deliveries/{id}/confirmation`,
    representation: `v${major}-confirmation`,
  });
  const stored = {
    description: "The delivery's confirmation.",
    schema: v2.confirmationSchema,
    example: examples.confirmationExample,
  };
  return [
    confirmations.read({
      operationId: "getConfirmation",
      summary: "Read the confirmation",
      description: "Who received the delivery and when; 404 until it is confirmed.",
      response: stored,
      errors: ["delivery.not_found", "delivery.confirmation_not_found"],
      read: async (id, access) => {
        const { delivery, confirmation } = await service.getConfirmation(id, access);
        return { version: delivery.version, body: toConfirmationDto(delivery, confirmation, major) };
      },
    }),
    confirmations.put({
      operationId: "putConfirmation",
      summary: "Create or replace the confirmation (hands the delivery over)",
      description: "Records who received the delivery and when; the delivery becomes delivered and its details final.",
      body: { schema: v2.confirmationInputSchema, example: examples.confirmationInputExample },
      response: stored,
      descriptions: { replaced: "Replaced, or unchanged." },
      location: (id) => `${deliveryPath(id, major)}/confirmation`,
      errors: ["delivery.not_found", "delivery.rule_violated", ...conditionalWriteErrors],
      put: async (id, body, precondition, access) => {
        const result = await service.putConfirmation(id, toConfirmation(body), precondition, access);
        return {
          outcome: result.outcome,
          version: result.delivery.version,
          body: toConfirmationDto(result.delivery, result.confirmation, major),
        };
      },
    }),
  ];
}
