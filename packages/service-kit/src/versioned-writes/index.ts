export {
  type OwnedAggregate,
  type OwnedAggregateRules,
  OwnedAggregates,
  type OwnedRepository,
  type OwnerFilter,
} from "./owned-aggregates.ts";
export { EMPTY_PAGE, ownedFilter, type Page, type PageRequest } from "./page.ts";
export { NO_PRECONDITION, type Precondition, preconditionHolds } from "./precondition.ts";
export { reviseDetails } from "./revise-details.ts";
export type { Revision, Versioned, VersionedRepository } from "./versioned-repository.ts";
export {
  type ChangeResult,
  type CreateOrReviseRules,
  type Ownership,
  type PutOutcome,
  type PutResult,
  VersionedWrites,
} from "./versioned-writes.ts";
