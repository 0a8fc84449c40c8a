import Router from "@koa/router";
import type { Coordinator } from "@starter/coordination";
import {
  type AppState,
  commonErrorMap,
  errorHandler,
  healthRoutes,
  jsonBody,
  requestContext,
} from "@starter/service-kit/http";
import type { Logger } from "@starter/service-kit/logging";
import Koa from "koa";
import type { SharedDelivery } from "./migration/delivery-participants.ts";
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
};

/** Builds the app from its dependencies; never listens, never reads the environment. */
export function createApp(deps: AppDependencies): Koa<AppState> {
  const app = new Koa<AppState>();
  app.use(requestContext(deps.logger));
  app.use(errorHandler({ errorMap, isUnavailable: deps.isDatabaseUnavailable, retryAfterSeconds: 5 }));
  app.use(jsonBody({ limitBytes: deps.bodyLimitBytes, maxDepth: 16 }));
  const stats = new Router<AppState>().get("/migration/stats", (ctx) => {
    ctx.body = { shadowReads: deps.reads.stats, comparison: deps.reads.comparison };
  });
  for (const router of [healthRoutes({ ready: deps.ready }), migrationRoutes(deps), stats]) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  return app;
}
