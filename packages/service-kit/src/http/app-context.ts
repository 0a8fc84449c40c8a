import type { ParameterizedContext } from "koa";
import type { Principal } from "../access/index.ts";
import type { Deadline } from "../deadlines/index.ts";
import type { Logger } from "../logging/index.ts";
import type { HttpMetrics } from "../metrics/index.ts";

/** What the kit's middleware puts on `ctx.state` for everything downstream. */
export type AppState = {
  requestId: string;
  log: Logger;
  /**
   * When the request's time is up (REQUEST_DEADLINE_MS, or the caller's `X-Request-Timeout-Ms` when
   * shorter): its remaining ms and a signal that aborts then. Absent in an app built without a deadline.
   */
  deadline?: Deadline;
  /** Who is calling, once `bearerAuthentication` checked the token; absent when authentication is off. */
  principal?: Principal;
  /** The parsed, guarded JSON body; `undefined` when the request had none. */
  body: unknown;
  /** The API major serving the request (set by `apiVersioning`). */
  apiMajor: number;
  /**
   * Set by the route router once the input is parsed and the route's checks passed, just before its
   * handler runs. Until then a failure is a validation failure, which an Idempotency-Key does not remember
   * (the client may fix and retry).
   */
  processingStarted?: boolean;
  /** The template of the route serving the request (`/v2/deliveries/{id}`): a bounded label for metrics. */
  route?: string;
  /** The kit's HTTP series, for the middleware that counts what only it sees (idempotency outcomes). */
  metrics?: HttpMetrics;
};

export type AppContext = ParameterizedContext<AppState>;
