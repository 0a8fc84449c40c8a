import Router from "@koa/router";
import * as v2 from "@starter/contracts/v2";
import { InvalidRequestError } from "@starter/service-kit/errors";
import {
  type AppContext,
  type AppState,
  isNotModified,
  parseRequest,
  preconditionFromHeaders,
  singleValuedQuery,
} from "@starter/service-kit/http";
import {
  DELIVERIES_PATH,
  decodeCursor,
  deliveryPath,
  encodeCursor,
  etagOf,
  type Representation,
  toConfirmation,
  toConfirmationDto,
  toDeliveryDetails,
  toDeliveryDto,
  versionFromEtag,
} from "./delivery.dto.ts";
import type { DeliveryFilter } from "./delivery.repository.ts";
import type { DeliveryService, PutOutcome } from "./delivery.service.ts";
import type { Delivery } from "./delivery.ts";

/** Thin handlers: parse the request, call one use case, answer with status, headers and a DTO. */
export function deliveryRoutes({ service }: { service: DeliveryService }): Router<AppState> {
  const router = new Router<AppState>();

  router.get(DELIVERIES_PATH, async (ctx) => {
    const query = parseRequest(v2.deliveryQuerySchema, singleValuedQuery(ctx.query), "query");
    const filter: DeliveryFilter = {
      ...(query.status && { status: query.status }),
      ...(query.ownerId && { ownerId: query.ownerId }),
    };
    const afterId = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const page = await service.list(filter, { limit: query.limit, ...(afterId !== undefined && { afterId }) });
    const last = page.items.at(-1);
    const body: v2.DeliveryPage = {
      items: page.items.map(toDeliveryDto),
      _links: { self: { href: ctx.url } },
    };
    if (page.hasMore && last) body._links.next = { href: pageHref(filter, query.limit, encodeCursor(last.id)) };
    ctx.body = body;
  });

  router.get(`${DELIVERIES_PATH}/:id`, async (ctx) => {
    const delivery = await service.get(pathId(ctx));
    respondWith(ctx, "delivery", delivery, toDeliveryDto(delivery));
  });

  router.put(`${DELIVERIES_PATH}/:id`, async (ctx) => {
    const id = pathId(ctx);
    const input = parseRequest(v2.deliveryInputSchema, ctx.state.body, "body");
    if (input.id !== undefined && input.id !== id) {
      throw new InvalidRequestError("the id in the body differs from the id in the URL", [
        { path: ["id"], detail: `must be ${id} or absent` },
      ]);
    }
    const result = await service.put(id, toDeliveryDetails(input), precondition(ctx, "delivery"));
    answerPut(ctx, result.outcome, deliveryPath(id));
    respondWith(ctx, "delivery", result.delivery, toDeliveryDto(result.delivery));
  });

  router.delete(`${DELIVERIES_PATH}/:id`, async (ctx) => {
    await service.delete(pathId(ctx), precondition(ctx, "delivery"));
    ctx.status = 204;
  });

  router.get(`${DELIVERIES_PATH}/:id/dropoff`, async (ctx) => {
    const delivery = await service.get(pathId(ctx));
    respondWith(ctx, "dropoff", delivery, { ...delivery.dropoff });
  });

  router.put(`${DELIVERIES_PATH}/:id/dropoff`, async (ctx) => {
    const id = pathId(ctx);
    const dropoff = parseRequest(v2.coordinatesSchema, ctx.state.body, "body");
    const { delivery } = await service.putDropoff(id, dropoff, precondition(ctx, "dropoff"));
    ctx.set("Content-Location", `${deliveryPath(id)}/dropoff`);
    respondWith(ctx, "dropoff", delivery, { ...delivery.dropoff });
  });

  router.get(`${DELIVERIES_PATH}/:id/confirmation`, async (ctx) => {
    const { delivery, confirmation } = await service.getConfirmation(pathId(ctx));
    respondWith(ctx, "confirmation", delivery, toConfirmationDto(delivery, confirmation));
  });

  router.put(`${DELIVERIES_PATH}/:id/confirmation`, async (ctx) => {
    const id = pathId(ctx);
    const input = parseRequest(v2.confirmationInputSchema, ctx.state.body, "body");
    const result = await service.putConfirmation(id, toConfirmation(input), precondition(ctx, "confirmation"));
    answerPut(ctx, result.outcome, `${deliveryPath(id)}/confirmation`);
    respondWith(ctx, "confirmation", result.delivery, toConfirmationDto(result.delivery, result.confirmation));
  });

  return router;
}

function pathId(ctx: AppContext & { params: Record<string, string> }): string {
  return parseRequest(v2.resourceIdSchema, ctx.params.id, "resource id in the URL");
}

function precondition(ctx: AppContext, representation: Representation) {
  return preconditionFromHeaders(ctx, (etag) => versionFromEtag(representation, etag));
}

/** 201 + Location on create, 200 otherwise; Content-Location says the body is the stored state. */
function answerPut(ctx: AppContext, outcome: PutOutcome, location: string): void {
  ctx.status = outcome === "created" ? 201 : 200;
  if (outcome === "created") ctx.set("Location", location);
  ctx.set("Content-Location", location);
}

/** The representation with its strong ETag; a GET whose If-None-Match already has it gets a 304. */
function respondWith(ctx: AppContext, representation: Representation, delivery: Delivery, body: object): void {
  const etag = etagOf(representation, delivery.version);
  ctx.body = body;
  ctx.etag = etag;
  if (isNotModified(ctx.method, ctx.get("If-None-Match") || undefined, etag)) ctx.status = 304;
}

function pageHref(filter: DeliveryFilter, limit: number, cursor: string): string {
  const params = new URLSearchParams();
  if (filter.status) params.set("status", filter.status);
  if (filter.ownerId) params.set("ownerId", filter.ownerId);
  params.set("limit", String(limit));
  params.set("cursor", cursor);
  return `${DELIVERIES_PATH}?${params}`;
}
