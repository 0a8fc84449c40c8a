// The HTTP layer reaching up into the service layer: the http rule refuses it.
import { serviceLayer } from "../service/index.ts";

export const app = serviceLayer;
