// A core file that imports another core folder and a Node built-in: the core rule lets it be.
import { AsyncLocalStorage } from "node:async_hooks";
import { wirePrimitive } from "../wire/index.ts";

export const storage = new AsyncLocalStorage<string>();
export const primitive = wirePrimitive;
