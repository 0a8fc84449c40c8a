// A runtime file that imports the core below it: the layer rules let it be.
import { wirePrimitive } from "../wire/index.ts";

export const document = wirePrimitive;
