import { createConnection, createServer, type Server, type Socket } from "node:net";
import { Transform } from "node:stream";

/**
 * A loopback TCP proxy in front of the test database (or a service) that a test can cut, restore or
 * slow down: to see how an app behaves while a dependency is unreachable or slow, and how it recovers.
 */
export type TcpProxy = AsyncDisposable & {
  /** The URI to give the app instead of the target's: the same, with the host and port of this proxy. */
  readonly uri: string;
  /** Drops every open connection and refuses new ones. */
  cut(): Promise<void>;
  /** Accepts connections again, on the same port. */
  restore(): Promise<void>;
  /** Holds every chunk sent towards the target this long (0: none), to make a request slow on the wire. */
  delayRequests(ms: number): void;
  /**
   * While on, resets every open connection and every new one as soon as it is accepted: the target refuses,
   * as a crashed server's host does, while the proxy keeps its port (a port given up on loopback can be
   * taken by a connection to itself, which hangs instead of refusing).
   */
  resetConnections(on: boolean): void;
};

export async function startTcpProxy(targetUri: string): Promise<TcpProxy> {
  const target = new URL(targetUri);
  const targetPort = Number(target.port || 27017);
  const sockets = new Set<Socket>();
  const delay = { ms: 0, reset: false };
  let server = createProxyServer(target.hostname, targetPort, sockets, delay);
  const port = await listenOn(server, 0);
  const proxied = new URL(targetUri);
  proxied.hostname = "127.0.0.1";
  proxied.port = String(port);

  const cut = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  const restore = async () => {
    server = createProxyServer(target.hostname, targetPort, sockets, delay);
    await listenOn(server, port);
  };
  return {
    uri: proxied.toString(),
    cut,
    restore,
    delayRequests: (ms) => {
      delay.ms = ms;
    },
    resetConnections: (on) => {
      delay.reset = on;
      if (on) for (const socket of sockets) socket.resetAndDestroy();
    },
    [Symbol.asyncDispose]: () => (server.listening ? cut() : Promise.resolve()),
  };
}

function createProxyServer(
  host: string,
  port: number,
  sockets: Set<Socket>,
  delay: { ms: number; reset: boolean },
): Server {
  return createServer((client) => {
    if (delay.reset) {
      client.resetAndDestroy();
      return;
    }
    const upstream = createConnection({ host, port });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.once("close", () => sockets.delete(socket));
      socket.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    const delayed = new Transform({
      transform(chunk, _encoding, done) {
        if (delay.ms === 0) done(null, chunk);
        else setTimeout(() => done(null, chunk), delay.ms);
      },
    });
    client.pipe(delayed).pipe(upstream).pipe(client);
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
