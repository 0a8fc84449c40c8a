import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Started } from "./lifecycle.ts";

export type Listening = { readonly server: Server; readonly url: string };

/** What the server allows its clients (the HTTP_* settings of the service configuration). */
export type ServerLimits = Readonly<{
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxHeaderBytes: number;
  maxConnections: number;
}>;

const IDLE_SWEEP_MS = 50;
/** How often Node looks for requests over their timeouts; its default (30 s) would let a 10 s timeout run to 40 s. */
const TIMEOUT_CHECK_INTERVAL_MS = 500;

/**
 * Listens and returns how to stop: `close()` stops accepting, lets in-flight requests finish and
 * drops idle keep-alive connections; connections still busy after the grace period are cut.
 */
export async function listen(
  handler: RequestListener,
  options: { port: number; host: string; gracePeriodMs: number; limits: ServerLimits },
): Promise<Started<Listening>> {
  const { limits } = options;
  const server = createServer(
    { maxHeaderSize: limits.maxHeaderBytes, connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS },
    handler,
  );
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, resolve);
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(":") ? `[${address}]` : address;
  const stop = () =>
    new Promise<void>((resolve) => {
      // Connections that finish their last request during shutdown would otherwise idle until keep-alive ends.
      const dropIdle = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
      const force = setTimeout(() => server.closeAllConnections(), options.gracePeriodMs);
      server.close(() => {
        clearInterval(dropIdle);
        clearTimeout(force);
        resolve();
      });
      server.closeIdleConnections();
    });
  return { value: { server, url: `http://${host}:${port}` }, stop };
}
