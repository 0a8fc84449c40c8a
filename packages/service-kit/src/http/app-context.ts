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
};

export type AppContext = ParameterizedContext<AppState>;
