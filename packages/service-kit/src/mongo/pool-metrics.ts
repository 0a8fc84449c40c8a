import type { MongoClient } from "mongodb";
import { Gauge, type Registry } from "prom-client";

/**
 * The MongoDB connection pool as OpenTelemetry's database client metrics name it
 * (`db.client.connection.count` by state, `db.client.connection.pending_requests`), counted from the
 * driver's pool events: a pool whose connections are all used while requests wait is the first sign of a
 * slow or saturated database.
 */
export function observeConnectionPool(client: MongoClient, registry: Registry): void {
  const pool = { open: 0, used: 0, waiting: 0 };
  client.on("connectionCreated", () => pool.open++);
  client.on("connectionClosed", () => pool.open--);
  client.on("connectionCheckOutStarted", () => pool.waiting++);
  client.on("connectionCheckOutFailed", () => pool.waiting--);
  client.on("connectionCheckedOut", () => {
    pool.waiting--;
    pool.used++;
  });
  client.on("connectionCheckedIn", () => pool.used--);
  new Gauge({
    name: "db_client_connection_count",
    help: "MongoDB pool connections by state (used, idle).",
    labelNames: ["db_client_connection_state"],
    registers: [registry],
    collect() {
      this.set({ db_client_connection_state: "used" }, pool.used);
      this.set({ db_client_connection_state: "idle" }, Math.max(0, pool.open - pool.used));
    },
  });
  new Gauge({
    name: "db_client_connection_pending_requests",
    help: "Operations waiting for a MongoDB pool connection.",
    registers: [registry],
    collect() {
      this.set(pool.waiting);
    },
  });
}
