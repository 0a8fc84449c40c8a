// A core file that imports an npm package other than zod: the core rule refuses it.
import Koa from "koa";

export const app = new Koa();
