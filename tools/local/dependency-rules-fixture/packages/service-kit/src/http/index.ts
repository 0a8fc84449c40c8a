// The kit's HTTP layer, as the dependency rule's test sees it.
export const httpLayer = "koa";
