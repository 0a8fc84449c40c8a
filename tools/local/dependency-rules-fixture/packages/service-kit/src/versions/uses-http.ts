// A core file that reaches up into the HTTP layer: the core rule refuses it.
import { httpLayer } from "../http/index.ts";

export const versionHeader = httpLayer;
