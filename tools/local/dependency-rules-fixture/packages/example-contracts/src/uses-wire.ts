// A contract that imports the core only: the rule lets it be.
import { wirePrimitive } from "../../service-kit/src/wire/index.ts";

export const schema = wirePrimitive;
