// The kit's wire primitives (core), as the dependency rule's test sees it.
export const wirePrimitive = "link";
