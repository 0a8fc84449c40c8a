export {
  type CreateOrReviseRules,
  createOrReplace,
  type PutOutcome,
  type VersionedStore,
} from "./create-or-replace.ts";
export { NO_PRECONDITION, type Precondition, preconditionHolds } from "./precondition.ts";
