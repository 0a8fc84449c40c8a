import type { Coordinator } from "@starter/coordination";
import {
  type AppState,
  type CommonErrorCode,
  commonErrorMap,
  createServiceApp,
  defineRoute,
  type ErrorCodes,
  type ErrorMap,
} from "@starter/service-kit/http";
import type { Logger } from "@starter/service-kit/logging";
import type Koa from "koa";
import type { SharedDelivery } from "./migration/delivery-participants.ts";
import type * as migrationErrors from "./migration/migration.errors.ts";
import { migrationRoutes } from "./migration/migration.routes.ts";
import type { MigrationReads } from "./migration/migration-reads.ts";

export type AppDependencies = Readonly<{
  logger: Logger;
  coordinator: Coordinator<SharedDelivery>;
  reads: MigrationReads;
  /** Its own database and both participants answer. */
  ready: () => Promise<boolean>;
  isDatabaseUnavailable: (error: unknown) => boolean;
  bodyLimitBytes: number;
}>;

const errorMap = {
  ...commonErrorMap,
  "coordination.drift": { status: 502, title: "Services disagree (drift recorded)" },
  "coordination.participant_failed": { status: 502, title: "A service failed; nothing was changed" },
} as const satisfies ErrorMap<ErrorCodes<typeof migrationErrors> | CommonErrorCode>;

/** Builds the app from its dependencies; never listens, never reads the environment. */
export function createApp(deps: AppDependencies): Koa<AppState> {
  const stats = defineRoute({
    operationId: "getMigrationStats",
    method: "get",
    path: "/migration/stats",
    summary: "Shadow-read and comparison counts",
    responses: { "200": { description: "The counts." } },
    handle: (ctx) => {
      ctx.body = { shadowReads: deps.reads.stats, comparison: deps.reads.comparison };
    },
  });
  return createServiceApp({
    logger: deps.logger,
    errorMap,
    isUnavailable: deps.isDatabaseUnavailable,
    ready: deps.ready,
    limits: { bodyLimitBytes: deps.bodyLimitBytes, jsonMaxDepth: 16 },
    routes: [...migrationRoutes(deps), stats],
  });
}
