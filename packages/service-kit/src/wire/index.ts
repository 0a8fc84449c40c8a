export { type Link, linkSchema } from "./link.ts";
