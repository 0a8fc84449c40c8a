// A folder in no layer of the kit: no layer rule would check it.
import { wirePrimitive } from "../wire/index.ts";

export const stray = wirePrimitive;
