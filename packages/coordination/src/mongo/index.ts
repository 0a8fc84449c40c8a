export { DRIFTS_COLLECTION, MongoDriftStore } from "./mongo-drift-store.ts";
export {
  createJournalIndexes,
  DEFAULT_JOURNAL_RETENTION_MS,
  JOURNAL_COLLECTION,
  JOURNAL_STEPS_COLLECTION,
  MongoCoordinationJournal,
} from "./mongo-journal.ts";
