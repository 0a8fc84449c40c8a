import type { ParameterizedContext } from "koa";
import type { Logger } from "../logging/index.ts";

/** What the kit's middleware puts on `ctx.state` for everything downstream. */
export type AppState = {
  requestId: string;
  log: Logger;
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
};

export type AppContext = ParameterizedContext<AppState>;
