export { DRIFTS_COLLECTION, MongoDriftStore } from "./mongo-drift-store.ts";
export { JOURNAL_COLLECTION, MongoCoordinationJournal } from "./mongo-journal.ts";
