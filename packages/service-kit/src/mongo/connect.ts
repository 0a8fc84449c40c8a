import { type Db, MongoClient } from "mongodb";
import type { Registry } from "prom-client";
import { observeConnectionPool } from "./pool-metrics.ts";

export type MongoConnectionOptions = {
  readonly uri: string;
  readonly dbName: string;
  /** How long an operation waits for a reachable server before failing (and the request gets a 503). */
  readonly serverSelectionTimeoutMS: number;
  /** How long an operation waits on a connection that has gone silent (a hung server) before it fails: a 503. */
  readonly socketTimeoutMS?: number;
  /**
   * How long an operation waits for a free connection of the pool (REQUEST_DEADLINE_MS): a saturated
   * database then refuses (a 503) instead of queueing requests without bound. None: the driver's (no bound).
   */
  readonly waitQueueTimeoutMS?: number;
  readonly appName: string;
  /** Where the pool's gauges go (`/metrics`). */
  readonly metrics?: Registry;
};

const DEFAULT_SOCKET_TIMEOUT_MS = 10_000;

export type MongoConnection = {
  readonly client: MongoClient;
  readonly db: Db;
  readonly ping: (timeoutMS: number) => Promise<boolean>;
  readonly stop: () => Promise<void>;
};

/**
 * Connects and proves the server answers before anything listens. Timeouts are bounded so a missing
 * database shows as a fast 503, not a hanging request; the driver's own monitoring reconnects later.
 */
export async function connectMongo(options: MongoConnectionOptions): Promise<MongoConnection> {
  const client = new MongoClient(options.uri, {
    appName: options.appName,
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS,
    connectTimeoutMS: options.serverSelectionTimeoutMS,
    socketTimeoutMS: options.socketTimeoutMS ?? DEFAULT_SOCKET_TIMEOUT_MS,
    ...(options.waitQueueTimeoutMS !== undefined && { waitQueueTimeoutMS: options.waitQueueTimeoutMS }),
  });
  if (options.metrics) observeConnectionPool(client, options.metrics);
  await client.connect();
  const db = client.db(options.dbName);
  await db.command({ ping: 1 });
  return {
    client,
    db,
    ping: (timeoutMS) => pingDatabase(db, timeoutMS),
    stop: () => client.close(),
  };
}

/** Bounded by a timer rather than the driver's timeoutMS, which not every compatible server honours. */
async function pingDatabase(db: Db, timeoutMS: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMS);
  });
  const answered = db.command({ ping: 1 }).then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([answered, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
