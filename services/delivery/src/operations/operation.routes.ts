import { setTimeout as sleep } from "node:timers/promises";
import Router from "@koa/router";
import * as v2 from "@starter/contracts/v2";
import { type AppContext, type AppState, parseAsyncPreferences, parseRequest } from "@starter/service-kit/http";
import type { Middleware } from "koa";
import { deliveryPath } from "../deliveries/delivery.dto.ts";
import { operationPath, toOperationDto } from "./operation.dto.ts";
import type { OperationService } from "./operation.service.ts";
import { isFinished, type Operation } from "./operation.ts";

/** How long `Prefer: wait=N` may hold a request, and how often the status is checked meanwhile. */
const MAX_WAIT_SECONDS = 30;
const WAIT_POLL_MS = 100;
const RETRY_AFTER_SECONDS = "1";

export type OperationRoutesDeps = {
  readonly operations: OperationService;
  /** Tells this process's worker there is work, so it need not wait for its next poll. */
  readonly wakeWorker: () => void;
  /** The Idempotency-Key middleware (a key is required unless configured optional): a retry never starts a second dispatch. */
  readonly idempotencyKey: Middleware<AppState>;
};

/** The 202 flow: start a dispatch, poll its status resource, cancel it. */
export function operationRoutes(deps: OperationRoutesDeps): Router<AppState> {
  const router = new Router<AppState>();
  const { operations } = deps;

  router.post("/v2/deliveries/:id/dispatch", deps.idempotencyKey, async (ctx) => {
    const deliveryId = parseRequest(v2.resourceIdSchema, ctx.params.id, "resource id in the URL");
    await operations.validateDispatch(deliveryId);
    ctx.state.processingStarted = true;
    const started = await operations.startDispatch(deliveryId);
    deps.wakeWorker();
    const prefer = parseAsyncPreferences(ctx.get("Prefer") || undefined, MAX_WAIT_SECONDS);
    ctx.vary("Prefer");
    const finished = prefer.respondAsync ? undefined : await waitForFinish(operations, started, prefer.waitSeconds);
    if (finished) {
      ctx.set("Preference-Applied", `wait=${prefer.waitSeconds}`);
      ctx.set("Content-Location", operationPath(finished.id));
      ctx.body = toOperationDto(finished);
      return;
    }
    if (prefer.respondAsync) ctx.set("Preference-Applied", "respond-async");
    ctx.status = 202;
    ctx.set("Location", operationPath(started.id));
    ctx.set("Retry-After", RETRY_AFTER_SECONDS);
    ctx.body = toOperationDto(started);
  });

  router.get("/v2/operations/:operationId", async (ctx) => {
    const operation = await operations.get(ctx.params.operationId ?? "");
    respondWithStatus(ctx, operation);
  });

  router.delete("/v2/operations/:operationId", async (ctx) => {
    const operation = await operations.cancel(ctx.params.operationId ?? "");
    ctx.status = isFinished(operation) ? 200 : 202;
    ctx.body = toOperationDto(operation);
  });

  return router;
}

/** Unfinished: 200 + Retry-After. Succeeded: 303 to the resource it changed. Failed or canceled: 200, kept. */
function respondWithStatus(ctx: AppContext, operation: Operation): void {
  ctx.body = toOperationDto(operation);
  if (!isFinished(operation)) ctx.set("Retry-After", RETRY_AFTER_SECONDS);
  if (operation.status === "succeeded") {
    ctx.status = 303;
    ctx.set("Location", deliveryPath(operation.deliveryId));
  }
}

/** The finished operation if it finishes within the client's `wait`, else undefined (answer 202). */
async function waitForFinish(operations: OperationService, started: Operation, waitSeconds: number) {
  const deadline = Date.now() + waitSeconds * 1_000;
  while (Date.now() < deadline) {
    await sleep(Math.min(WAIT_POLL_MS, deadline - Date.now()));
    const current = await operations.get(started.id);
    if (isFinished(current)) return current;
  }
  return undefined;
}
