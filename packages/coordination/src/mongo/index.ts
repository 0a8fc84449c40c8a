export { DRIFTS_COLLECTION, MongoDriftStore } from "./mongo-drift-store.ts";
export { JOURNAL_COLLECTION, JOURNAL_STEPS_COLLECTION, MongoCoordinationJournal } from "./mongo-journal.ts";
