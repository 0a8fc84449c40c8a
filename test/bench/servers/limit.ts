import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { type Answer, connectBenchDeliveries } from "./bench-deliveries.ts";

/**
 * The limit: node:http and the driver doing the delivery endpoints' work and nothing else (no logging,
 * no middleware, no body limit). What the template costs is measured against this.
 */
const deliveries = await connectBenchDeliveries();
const ITEM = /^\/v2\/deliveries\/([^/?]+)$/;

const server = createServer(async (req, res) => {
  try {
    send(res, await route(req));
  } catch (error) {
    send(res, { status: 500, headers: {}, body: { detail: String(error) } });
  }
});
server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? "127.0.0.1");
process.once("SIGTERM", () => server.close(() => void deliveries.close()));

async function route(req: IncomingMessage): Promise<Answer> {
  const url = new URL(req.url ?? "/", "http://localhost");
  const item = ITEM.exec(url.pathname);
  if (item?.[1] && req.method === "PUT") {
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      return { status: 400, headers: {}, body: { detail: "invalid JSON" } };
    }
    return deliveries.put(decodeURIComponent(item[1]), body, req.headers["if-match"]);
  }
  if (item?.[1] && req.method === "GET")
    return deliveries.get(decodeURIComponent(item[1]), req.headers["if-none-match"]);
  if (url.pathname === "/v2/deliveries" && req.method === "GET")
    return deliveries.list(Object.fromEntries(url.searchParams));
  if (url.pathname === "/readyz") return { status: (await deliveries.ready()) ? 200 : 503, headers: {}, body: {} };
  return { status: 404, headers: {}, body: { detail: "not found" } };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function send(res: ServerResponse, answer: Answer): void {
  const payload = answer.body === undefined ? "" : JSON.stringify(answer.body);
  res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
  res.end(payload);
}
