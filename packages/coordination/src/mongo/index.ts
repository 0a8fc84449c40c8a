export { DRIFTS_COLLECTION, MongoDriftStore } from "./mongo-drift-store.ts";
