import Fastify from "fastify";
import { connectBenchDeliveries } from "./bench-deliveries.ts";

/** The peer: the same endpoints on Fastify and the driver, as a team would write them without the template. */
const deliveries = await connectBenchDeliveries();
const app = Fastify({ logger: { level: "info" } });

type ItemRequest = { Params: { id: string } };

app.put<ItemRequest>("/v2/deliveries/:id", async (request, reply) => {
  const answer = await deliveries.put(request.params.id, request.body, request.headers["if-match"]);
  return reply.code(answer.status).headers(answer.headers).send(answer.body);
});
app.get<ItemRequest>("/v2/deliveries/:id", async (request, reply) => {
  const answer = await deliveries.get(request.params.id, request.headers["if-none-match"]);
  return reply.code(answer.status).headers(answer.headers).send(answer.body);
});
app.get<{ Querystring: Record<string, string> }>("/v2/deliveries", async (request, reply) => {
  const answer = await deliveries.list(request.query);
  return reply.code(answer.status).headers(answer.headers).send(answer.body);
});
app.get("/readyz", async (_request, reply) => reply.code((await deliveries.ready()) ? 200 : 503).send({}));

await app.listen({ port: Number(process.env.PORT ?? 0), host: process.env.HOST ?? "127.0.0.1" });
process.once("SIGTERM", () => void app.close().then(() => deliveries.close()));
