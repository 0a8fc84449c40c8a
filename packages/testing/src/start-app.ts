import { createServer, type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";

export type RunningApp = AsyncDisposable & { readonly url: string };

/** Serves a request handler (`app.callback()`) on a free loopback port; `await using` closes it. */
export async function startApp(handler: RequestListener): Promise<RunningApp> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    [Symbol.asyncDispose]: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
