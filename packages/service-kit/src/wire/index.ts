export { type Link, linkSchema } from "./link.ts";
export { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT, pageQuery, pageSchemaOf } from "./page.ts";
export { RESOURCE_ID_PATTERN, resourceIdSchema } from "./resource-id.ts";
