// A contract that reaches into the HTTP layer: the rule refuses it.
import { httpLayer } from "../../service-kit/src/http/index.ts";

export const schema = httpLayer;
