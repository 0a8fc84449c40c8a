// A domain file that reads the configuration: only the kit's core is allowed.
import { PORT } from "../../../../packages/service-kit/src/config/index.ts";
import { wirePrimitive } from "../../../../packages/service-kit/src/wire/index.ts";

export const order = { port: PORT, link: wirePrimitive };
