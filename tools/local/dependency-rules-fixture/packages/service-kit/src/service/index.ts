// The kit's service layer (defineService, runService), as the dependency rule's test sees it.
export const serviceLayer = "service";
