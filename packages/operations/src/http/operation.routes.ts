import { setTimeout as sleep } from "node:timers/promises";
import type { Principal } from "@starter/service-kit/auth";
import {
  type AppContext,
  type AppState,
  defineRoute,
  type ErrorMap,
  idempotencyKeyHeaderSchema,
  parseAsyncPreferences,
  type Route,
  waitWithinDeadline,
} from "@starter/service-kit/http";
import type { Middleware } from "koa";
import { z } from "zod";
import type { OperationService } from "../operation.service.ts";
import { isFinished, type Operation } from "../operation.ts";
import { type OperationKind, targetHref } from "../operation-kind.ts";
import { operationExample, operationSchema, toOperationDto } from "./operation.dto.ts";

export type OperationRoutesDeps = Readonly<{
  service: OperationService;
  kinds: readonly OperationKind[];
  /** Where status resources live: "/v2/operations". */
  statusPath: string;
  /** The Idempotency-Key middleware: a retry of a start never starts a second operation. */
  idempotencyKey: Middleware<AppState>;
  /** Whether that middleware refuses a start without a key (as the document then says). */
  idempotencyKeyRequired: boolean;
  /** Tells this process's worker there is work, so it need not wait for its next poll. */
  wakeWorker: () => void;
  /** The service's error map: a failed operation's problem is rendered from it. */
  errorMap: ErrorMap;
}>;

/** How long `Prefer: wait=N` may hold a request, and how often the status is checked meanwhile. */
const MAX_WAIT_SECONDS = 30;
const WAIT_POLL_MS = 100;
const RETRY_AFTER_SECONDS = "1";

/** The 202 flow: a start route per kind, the status monitor and cancel. */
export function operationRoutes(deps: OperationRoutesDeps): Route[] {
  const context = { ...deps, statusHref: (id: string) => `${deps.statusPath}/${encodeURIComponent(id)}` };
  const status = {
    description: "The operation's status.",
    schema: operationSchema(deps.kinds),
    example: operationExample(context),
  } as const;
  const dto = (operation: Operation) => toOperationDto(operation, context);
  const statusRoute = { path: `${deps.statusPath}/{operationId}`, params: z.object({ operationId: z.string() }) };
  return [
    ...deps.kinds.map((kind) => startRoute(kind, deps, context.statusHref, status)),
    defineRoute({
      ...statusRoute,
      operationId: "getOperation",
      method: "get",
      scopes: READ_SCOPES,
      summary: "Read an operation's status",
      description:
        "200 with its state while pending or running (Retry-After says when to ask again); 303 to the resource once it succeeded; 200 with the problem once it failed or was canceled.",
      responses: {
        "200": {
          ...status,
          description: "Pending, running (with Retry-After), failed (with its problem) or canceled.",
        },
        "303": { description: "Succeeded: Location is the resource it changed.", headers: ["Location"] },
      },
      errors: ["operation.not_found"],
      handle: async (ctx, { params, principal }) => {
        const operation = await deps.service.get(params.operationId, principal);
        ctx.body = dto(operation);
        if (!isFinished(operation)) ctx.set("Retry-After", RETRY_AFTER_SECONDS);
        if (operation.status === "succeeded") {
          ctx.status = 303;
          ctx.set("Location", resourceHref(deps.kinds, operation));
        }
      },
    }),
    defineRoute({
      ...statusRoute,
      operationId: "cancelOperation",
      method: "delete",
      scopes: WRITE_SCOPES,
      summary: "Cancel an operation",
      description:
        "202: cancellation requested; the worker stops before the effect when it can. 409 when it already finished.",
      responses: {
        "200": { ...status, description: "Canceled (it had not started)." },
        "202": {
          ...status,
          description: "Cancel requested: the running step stops before its effect, if it still can.",
        },
      },
      errors: ["operation.not_found", "operation.finished"],
      handle: async (ctx, { params, principal }) => {
        const operation = await deps.service.cancel(params.operationId, principal);
        ctx.status = isFinished(operation) ? 200 : 202;
        ctx.body = dto(operation);
      },
    }),
  ];
}

/** The scopes a caller's token must hold for operations, when the service authenticates. */
const READ_SCOPES = ["operations:read"];
const WRITE_SCOPES = ["operations:write"];

/** From an answer that holds an operation to its status monitor and its cancel. */
const STATUS_LINKS = {
  getOperation: { operationId: "getOperation", parameters: { operationId: "$response.body#/id" } },
  cancelOperation: { operationId: "cancelOperation", parameters: { operationId: "$response.body#/id" } },
};

function startRoute(
  kind: OperationKind,
  deps: OperationRoutesDeps,
  statusHref: (id: string) => string,
  status: { description: string; schema: z.ZodType; example: object },
): Route {
  const dto = (operation: Operation) => toOperationDto(operation, { ...deps, statusHref });
  return defineRoute({
    operationId: kind.operationId,
    method: "post",
    scopes: WRITE_SCOPES,
    path: `${kind.targetPath}/${kind.name}`,
    summary: `${kind.summary} (long operation; honours Prefer: respond-async, wait=N)`,
    description: `${kind.summary}. Answers 202 with the status resource in Location; an Idempotency-Key makes a retry return the same operation; Prefer: wait=N waits up to N seconds for the outcome.`,
    params: z.object({ id: kind.targetId }),
    headers: z.object({
      "Idempotency-Key": deps.idempotencyKeyRequired
        ? idempotencyKeyHeaderSchema
        : idempotencyKeyHeaderSchema.optional(),
      Prefer: z.string().optional().meta({ description: "RFC 7240: respond-async, wait=<seconds>" }),
    }),
    responses: {
      "200": {
        ...status,
        description: "Finished within the client's Prefer: wait.",
        headers: ["Content-Location"],
        links: STATUS_LINKS,
      },
      "202": {
        ...status,
        description: "Accepted: poll Location (the status resource) after Retry-After.",
        headers: ["Location", "Retry-After"],
        links: STATUS_LINKS,
      },
    },
    errors: [...kind.errors, "operation.in_progress", "idempotency.in_flight", "idempotency.key_reused"],
    middleware: [deps.idempotencyKey],
    check: ({ params, principal }) => deps.service.check(kind, params.id, principal),
    handle: async (ctx, { params, principal }) => {
      const started = await deps.service.start(kind, params.id);
      deps.wakeWorker();
      await answerStarted(ctx, started, { service: deps.service, dto, statusHref, principal });
    },
  });
}

/** 200 when it finished within the client's `Prefer: wait`, else 202 pointing at the status resource. */
async function answerStarted(
  ctx: AppContext,
  started: Operation,
  deps: {
    service: OperationService;
    dto: (operation: Operation) => object;
    statusHref: (id: string) => string;
    principal: Principal | undefined;
  },
): Promise<void> {
  const prefer = parseAsyncPreferences(ctx.get("Prefer") || undefined, MAX_WAIT_SECONDS);
  ctx.vary("Prefer");
  // The 202 is still answered within the request's deadline, however long the client would wait.
  const waitSeconds = waitWithinDeadline(ctx, prefer.waitSeconds);
  const finished = prefer.respondAsync ? undefined : await waitForFinish(deps, started, waitSeconds);
  if (finished) {
    ctx.set("Preference-Applied", `wait=${waitSeconds}`);
    ctx.set("Content-Location", deps.statusHref(finished.id));
    ctx.body = deps.dto(finished);
    return;
  }
  if (prefer.respondAsync) ctx.set("Preference-Applied", "respond-async");
  ctx.status = 202;
  ctx.set("Location", deps.statusHref(started.id));
  ctx.set("Retry-After", RETRY_AFTER_SECONDS);
  ctx.body = deps.dto(started);
}

/** The finished operation if it finishes within the client's `wait`, else undefined (answer 202). */
async function waitForFinish(
  { service, principal }: { service: OperationService; principal: Principal | undefined },
  started: Operation,
  waitSeconds: number,
) {
  const deadline = Date.now() + waitSeconds * 1_000;
  while (Date.now() < deadline) {
    await sleep(Math.min(WAIT_POLL_MS, deadline - Date.now()));
    const current = await service.get(started.id, principal);
    if (isFinished(current)) return current;
  }
  return undefined;
}

function resourceHref(kinds: readonly OperationKind[], operation: Operation): string {
  const kind = kinds.find((k) => k.name === operation.kind);
  return kind ? targetHref(kind, operation.targetId) : "";
}
