import type { BuildInfo } from "../config/index.ts";
import { defineRoute, type Route } from "./routes/route.ts";

export type HealthChecks = {
  /** Resolves true when every dependency the service needs answers; must settle within a bounded time. */
  readonly ready: () => Promise<boolean>;
  /** Named in `/livez`'s answer: which build a probe or a person reached. */
  readonly build?: BuildInfo | undefined;
};

/** `/livez`: the process serves requests. `/readyz`: it can do its work (its database answers). */
export function healthRoutes(checks: HealthChecks): Route[] {
  return [
    defineRoute({
      operationId: "getLiveness",
      method: "get",
      path: "/livez",
      summary: "Whether the process serves requests",
      description:
        "200 while the process runs, naming its build's version and commit; an orchestrator restarts it when this stops answering. Checks no dependency.",
      responses: { "200": { description: "Alive." } },
      handle: (ctx) => {
        ctx.body = { status: "ok", ...checks.build };
      },
    }),
    defineRoute({
      operationId: "getReadiness",
      method: "get",
      path: "/readyz",
      summary: "Whether the service can do its work",
      description:
        "200 when every dependency answers (the database; the services behind a gateway), else 503: send it no traffic for now.",
      responses: { "200": { description: "Ready." }, "503": { description: "Not ready.", headers: ["Retry-After"] } },
      handle: async (ctx) => {
        const ready = await checks.ready().catch(() => false);
        ctx.status = ready ? 200 : 503;
        ctx.body = { status: ready ? "ready" : "unavailable" };
        if (!ready) ctx.set("Retry-After", "5");
      },
    }),
  ];
}
