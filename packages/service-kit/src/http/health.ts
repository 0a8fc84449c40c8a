import Router from "@koa/router";
import type { AppState } from "./app-context.ts";

export type HealthChecks = {
  /** Resolves true when every dependency the service needs answers; must settle within a bounded time. */
  readonly ready: () => Promise<boolean>;
};

/** `/livez`: the process serves requests. `/readyz`: it can do its work (its database answers). */
export function healthRoutes(checks: HealthChecks): Router<AppState> {
  const router = new Router<AppState>();
  router.get("/livez", (ctx) => {
    ctx.body = { status: "ok" };
  });
  router.get("/readyz", async (ctx) => {
    const ready = await checks.ready().catch(() => false);
    ctx.status = ready ? 200 : 503;
    ctx.body = { status: ready ? "ready" : "unavailable" };
    if (!ready) ctx.set("Retry-After", "5");
  });
  return router;
}
