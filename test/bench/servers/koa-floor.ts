import Router from "@koa/router";
import Koa, { type Context } from "koa";
import { type Answer, connectBenchDeliveries } from "./bench-deliveries.ts";

/**
 * The Koa floor: Koa and @koa/router doing the limit's work and nothing more (the same store, zod parsing
 * and answers; no logging, no middleware). The template's own cost is what it takes beyond this: the kit's,
 * not the framework's.
 */
const deliveries = await connectBenchDeliveries();
const app = new Koa();
const router = new Router();

router.put("/v2/deliveries/:id", async (ctx) => {
  let body: unknown;
  try {
    body = JSON.parse(await readBody(ctx));
  } catch {
    return send(ctx, { status: 400, headers: {}, body: { detail: "invalid JSON" } });
  }
  send(ctx, await deliveries.put(ctx.params.id ?? "", body, ctx.get("If-Match") || undefined));
});
router.get("/v2/deliveries/:id", async (ctx) =>
  send(ctx, await deliveries.get(ctx.params.id ?? "", ctx.get("If-None-Match") || undefined)),
);
router.get("/v2/deliveries", async (ctx) =>
  send(ctx, await deliveries.list(Object.fromEntries(new URLSearchParams(ctx.querystring)))),
);
router.get("/readyz", async (ctx) =>
  send(ctx, { status: (await deliveries.ready()) ? 200 : 503, headers: {}, body: {} }),
);

app.use(router.routes());
const server = app.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? "127.0.0.1");
process.once("SIGTERM", () => server.close(() => void deliveries.close()));

async function readBody(ctx: Context): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of ctx.req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function send(ctx: Context, answer: Answer): void {
  ctx.status = answer.status;
  ctx.set(answer.headers);
  ctx.body = answer.body === undefined ? "" : answer.body;
}
