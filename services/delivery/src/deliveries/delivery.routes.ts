import Router from "@koa/router";
import * as v2 from "@starter/contracts/v2";
import { InvalidRequestError, remapViolations } from "@starter/service-kit/errors";
import {
  type AppContext,
  type AppState,
  isNotModified,
  parseRequest,
  preconditionFromHeaders,
  singleValuedQuery,
} from "@starter/service-kit/http";
import type { PutOutcome } from "@starter/service-kit/versioned-writes";
import {
  type DeliveryWire,
  decodeCursor,
  deliveriesPath,
  deliveryPath,
  encodeCursor,
  etagOf,
  type Representation,
  toConfirmation,
  toConfirmationDto,
  toDeliveryDto,
  v2Wire,
  versionFromEtag,
} from "./delivery.dto.ts";
import type { DeliveryFilter } from "./delivery.repository.ts";
import type { DeliveryService } from "./delivery.service.ts";
import { v1Wire } from "./delivery.v1.dto.ts";

type Routes = Router<AppState>;
type RouteContext = AppContext & { params: Record<string, string> };

/**
 * Thin handlers: parse the request, call one use case, answer with status, headers and a DTO. The item
 * routes are one set of handlers served for every major through its wire; the collection and the parts
 * of a delivery exist from version 2 on.
 */
export function deliveryRoutes({ service }: { service: DeliveryService }): Routes {
  const router = new Router<AppState>();
  for (const wire of [v1Wire, v2Wire]) itemRoutes(router, service, wire);
  collectionRoute(router, service);
  dropoffRoutes(router, service);
  confirmationRoutes(router, service);
  return router;
}

function itemRoutes(router: Routes, service: DeliveryService, wire: DeliveryWire): void {
  const path = `${deliveriesPath(wire.major)}/:id`;

  router.get(path, async (ctx) => {
    const delivery = await service.get(pathId(ctx));
    respondWith(ctx, etagOf(wire.major, "delivery", delivery.version), wire.toWire(delivery));
  });

  router.put(path, async (ctx) => {
    const id = pathId(ctx);
    const input = wire.parsePut(ctx.state.body);
    if (input.id !== undefined && input.id !== id) {
      throw new InvalidRequestError("the id in the body differs from the id in the URL", [
        { path: ["id"], detail: `must be ${id} or absent` },
      ]);
    }
    const precondition = preconditionFor(ctx, wire.major, "delivery");
    const result = await service.put(id, input.detailsFor, precondition).catch((error: unknown) => {
      throw remapViolations(error, wire.requestPath);
    });
    answerPut(ctx, result.outcome, deliveryPath(id, wire.major));
    respondWith(ctx, etagOf(wire.major, "delivery", result.value.version), wire.toWire(result.value));
  });

  router.delete(path, async (ctx) => {
    await service.delete(pathId(ctx), preconditionFor(ctx, wire.major, "delivery"));
    ctx.status = 204;
  });
}

function collectionRoute(router: Routes, service: DeliveryService): void {
  router.get(deliveriesPath(2), async (ctx) => {
    const query = parseRequest(v2.deliveryQuerySchema, singleValuedQuery(ctx.query), "query");
    const filter: DeliveryFilter = {
      ...(query.status && { status: query.status }),
      ...(query.ownerId && { ownerId: query.ownerId }),
    };
    const afterId = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const page = await service.list(filter, { limit: query.limit, ...(afterId !== undefined && { afterId }) });
    const last = page.items.at(-1);
    const body: v2.DeliveryPage = { items: page.items.map(toDeliveryDto), _links: { self: { href: ctx.url } } };
    if (page.hasMore && last) body._links.next = { href: pageHref(filter, query.limit, encodeCursor(last.id)) };
    ctx.body = body;
  });
}

function dropoffRoutes(router: Routes, service: DeliveryService): void {
  const path = `${deliveriesPath(2)}/:id/dropoff`;

  router.get(path, async (ctx) => {
    const delivery = await service.get(pathId(ctx));
    respondWith(ctx, etagOf(2, "dropoff", delivery.version), { ...delivery.dropoff });
  });

  router.put(path, async (ctx) => {
    const id = pathId(ctx);
    const dropoff = parseRequest(v2.coordinatesSchema, ctx.state.body, "body");
    const { value: delivery } = await service.putDropoff(id, dropoff, preconditionFor(ctx, 2, "dropoff"));
    ctx.set("Content-Location", `${deliveryPath(id)}/dropoff`);
    respondWith(ctx, etagOf(2, "dropoff", delivery.version), { ...delivery.dropoff });
  });
}

function confirmationRoutes(router: Routes, service: DeliveryService): void {
  const path = `${deliveriesPath(2)}/:id/confirmation`;

  router.get(path, async (ctx) => {
    const { delivery, confirmation } = await service.getConfirmation(pathId(ctx));
    respondWith(ctx, etagOf(2, "confirmation", delivery.version), toConfirmationDto(delivery, confirmation));
  });

  router.put(path, async (ctx) => {
    const id = pathId(ctx);
    const input = parseRequest(v2.confirmationInputSchema, ctx.state.body, "body");
    const result = await service.putConfirmation(id, toConfirmation(input), preconditionFor(ctx, 2, "confirmation"));
    answerPut(ctx, result.outcome, `${deliveryPath(id)}/confirmation`);
    const body = toConfirmationDto(result.delivery, result.confirmation);
    respondWith(ctx, etagOf(2, "confirmation", result.delivery.version), body);
  });
}

function pathId(ctx: RouteContext): string {
  return parseRequest(v2.resourceIdSchema, ctx.params.id, "resource id in the URL");
}

function preconditionFor(ctx: AppContext, major: number, representation: Representation) {
  return preconditionFromHeaders(ctx, (etag) => versionFromEtag(major, representation, etag));
}

/** 201 + Location on create, 200 otherwise; Content-Location says the body is the stored state. */
function answerPut(ctx: AppContext, outcome: PutOutcome, location: string): void {
  ctx.status = outcome === "created" ? 201 : 200;
  if (outcome === "created") ctx.set("Location", location);
  ctx.set("Content-Location", location);
}

/** The representation with its strong ETag; a GET whose If-None-Match already has it gets a 304. */
function respondWith(ctx: AppContext, etag: string, body: object): void {
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
  return `${deliveriesPath(2)}?${params}`;
}
