import Router from "@koa/router";
import * as v1 from "@starter/contracts/v1";
import { InvalidRequestError } from "@starter/service-kit/errors";
import { type AppState, isNotModified, parseRequest, preconditionFromHeaders } from "@starter/service-kit/http";
import { deliveryPath, etagOf, toDetails, toDto, versionFromEtag } from "./legacy-delivery.dto.ts";
import type { LegacyDeliveryService } from "./legacy-delivery.service.ts";

/** The whole legacy contract: PUT, GET and DELETE of `/v1/deliveries/{id}`, with conditional requests. */
export function legacyDeliveryRoutes({ service }: { service: LegacyDeliveryService }): Router<AppState> {
  const router = new Router<AppState>();
  const path = "/v1/deliveries/:id";
  const idOf = (id: string | undefined) => parseRequest(v1.resourceIdSchema, id, "resource id in the URL");

  router.get(path, async (ctx) => {
    const delivery = await service.get(idOf(ctx.params.id));
    const etag = etagOf(delivery.version);
    ctx.body = toDto(delivery);
    ctx.etag = etag;
    if (isNotModified(ctx.method, ctx.get("If-None-Match") || undefined, etag)) ctx.status = 304;
  });

  router.put(path, async (ctx) => {
    const id = idOf(ctx.params.id);
    const input = parseRequest(v1.deliveryInputSchema, ctx.state.body, "body");
    if (input.id !== undefined && input.id !== id) {
      throw new InvalidRequestError("the id in the body differs from the id in the URL", [
        { path: ["id"], detail: `must be ${id}` },
      ]);
    }
    const { outcome, value } = await service.put(id, toDetails(input), preconditionFromHeaders(ctx, versionFromEtag));
    ctx.status = outcome === "created" ? 201 : 200;
    if (outcome === "created") ctx.set("Location", deliveryPath(id));
    ctx.set("Content-Location", deliveryPath(id));
    ctx.etag = etagOf(value.version);
    ctx.body = toDto(value);
  });

  router.delete(path, async (ctx) => {
    await service.delete(idOf(ctx.params.id), preconditionFromHeaders(ctx, versionFromEtag));
    ctx.status = 204;
  });

  return router;
}
