import { createConnection, createServer, type Server, type Socket } from "node:net";

/**
 * A loopback TCP proxy in front of the test database that a test can cut and restore, to see how an
 * app behaves while its database is unreachable and whether it recovers by itself afterwards.
 */
export type TcpProxy = AsyncDisposable & {
  /** The MongoDB URI to give the app: the target's, with the host and port of this proxy. */
  readonly uri: string;
  /** Drops every open connection and refuses new ones. */
  cut(): Promise<void>;
  /** Accepts connections again, on the same port. */
  restore(): Promise<void>;
};

export async function startTcpProxy(targetUri: string): Promise<TcpProxy> {
  const target = new URL(targetUri);
  const targetPort = Number(target.port || 27017);
  const sockets = new Set<Socket>();
  let server = createProxyServer(target.hostname, targetPort, sockets);
  const port = await listenOn(server, 0);
  const proxied = new URL(targetUri);
  proxied.hostname = "127.0.0.1";
  proxied.port = String(port);

  const cut = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  const restore = async () => {
    server = createProxyServer(target.hostname, targetPort, sockets);
    await listenOn(server, port);
  };
  return {
    uri: proxied.toString(),
    cut,
    restore,
    [Symbol.asyncDispose]: () => (server.listening ? cut() : Promise.resolve()),
  };
}

function createProxyServer(host: string, port: number, sockets: Set<Socket>): Server {
  return createServer((client) => {
    const upstream = createConnection({ host, port });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.once("close", () => sockets.delete(socket));
      socket.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
}

function listenOn(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : port);
    });
  });
}
