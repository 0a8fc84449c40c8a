import type { Access } from "../access/index.ts";
import type { AppError } from "../errors/index.ts";
import { EMPTY_PAGE, ownedFilter, type Page, type PageRequest } from "./page.ts";
import type { Precondition } from "./precondition.ts";
import type { Revision, Versioned, VersionedRepository } from "./versioned-repository.ts";
import { type ChangeResult, type PutResult, VersionedWrites } from "./versioned-writes.ts";

/** An aggregate that belongs to someone: the engine's id and version, and its owner. */
export type OwnedAggregate = Versioned & Readonly<{ ownerId: string }>;

/** What a list may be filtered by: at least the owner. */
export type OwnerFilter = Readonly<{ ownerId?: string }>;

/** The repository of an owned aggregate: the engine's conditional writes, and its filtered collection. */
export interface OwnedRepository<T extends OwnedAggregate, Filter extends OwnerFilter> extends VersionedRepository<T> {
  list(filter: Filter, page: PageRequest): Promise<Page<T>>;
}

/** How the aggregate is made and revised from a request's details, and its errors. */
export type OwnedAggregateRules<T extends OwnedAggregate, Details> = Readonly<{
  create: (id: string, details: Details) => T;
  revise: (current: T, details: Details) => Revision<T>;
  notFound: (id: string) => AppError;
  /** A write that would make it someone else's than the caller's, without access to everything (a 403). */
  forbidden: (id: string) => AppError;
}>;

/**
 * The use cases every owned aggregate has, in the words of the contract: read, list, create-or-replace,
 * delete. Every write goes through the write engine (412, lost races, 409); every call is given the caller's
 * `Access`, and someone else's aggregate is not found, whichever call asks. An aggregate with more use cases
 * adds them with `change` (a step of an operation, a part replaced).
 */
export class OwnedAggregates<T extends OwnedAggregate, Details, Filter extends OwnerFilter = OwnerFilter> {
  readonly #repository: OwnedRepository<T, Filter>;
  readonly #rules: OwnedAggregateRules<T, Details>;
  readonly #writes: VersionedWrites<T>;

  constructor(repository: OwnedRepository<T, Filter>, rules: OwnedAggregateRules<T, Details>) {
    this.#repository = repository;
    this.#rules = rules;
    this.#writes = new VersionedWrites(repository, {
      notFound: rules.notFound,
      ownership: { ownerOf: (value) => value.ownerId, forbidden: rules.forbidden },
    });
  }

  get(id: string, access: Access): Promise<T> {
    return this.#writes.get(id, access);
  }

  /** Whether it exists and the caller may see it (and so the operations on it). */
  isVisible(id: string, access: Access): Promise<boolean> {
    return this.#writes.isVisible(id, access);
  }

  /** The caller's own only, unless it may see everything: another owner's filter finds nothing. */
  async list(filter: Filter, page: PageRequest, access: Access): Promise<Page<T>> {
    const owned = ownedFilter(filter, access);
    return owned ? this.#repository.list(owned, page) : EMPTY_PAGE;
  }

  /**
   * Create-or-replace: created when absent, replaced when it differs, and a replay changes nothing. Details
   * that merge onto the stored state (an older API version's input) are given as a function of it, so they
   * are merged again after a lost race, never onto stale data.
   */
  put(
    id: string,
    details: Details | ((current: T | undefined) => Details),
    precondition: Precondition,
    access: Access,
  ): Promise<PutResult<T>> {
    const detailsFor = typeof details === "function" ? (details as (current: T | undefined) => Details) : () => details;
    return this.#writes.createOrReplace(id, precondition, access, {
      create: () => this.#rules.create(id, detailsFor(undefined)),
      revise: (current) => this.#rules.revise(current, detailsFor(current)),
    });
  }

  change(
    id: string,
    precondition: Precondition,
    access: Access,
    change: (current: T) => Revision<T>,
  ): Promise<ChangeResult<T>> {
    return this.#writes.change(id, precondition, access, change);
  }

  delete(id: string, precondition: Precondition, access: Access): Promise<"deleted" | "absent"> {
    return this.#writes.remove(id, precondition, access);
  }
}
