// A runtime file that reaches up into the HTTP layer: the runtime rule refuses it.
import { httpLayer } from "../http/index.ts";

export const store = httpLayer;
