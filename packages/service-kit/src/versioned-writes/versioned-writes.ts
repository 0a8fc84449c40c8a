import { type Access, mayAccess } from "../access/index.ts";
import { currentDeadline } from "../deadlines/index.ts";
import { type AppError, ConcurrentModificationError, PreconditionFailedError } from "../errors/index.ts";
import { type Precondition, preconditionHolds } from "./precondition.ts";
import type { Revision, Versioned, VersionedRepository } from "./versioned-repository.ts";

export type PutOutcome = "created" | "replaced" | "unchanged";

/** How an aggregate is made from a request, and revised by it. */
export type CreateOrReviseRules<T> = Readonly<{ create: () => T; revise: (current: T) => Revision<T> }>;

export type PutResult<T> = Readonly<{ outcome: PutOutcome; value: T; previous: T | undefined }>;
export type ChangeResult<T> = Revision<T> & Readonly<{ previous: T }>;

/** Who owns an aggregate, for object-level authorization (see `Access`). */
export type Ownership<T> = Readonly<{
  ownerOf: (value: T) => string;
  /** The error for a write that would make the aggregate someone else's than the caller's (a 403). */
  forbidden: (id: string) => AppError;
}>;

/** How often a write that lost a race re-reads and decides again before giving up with a 409. */
const MAX_ATTEMPTS = 5;

/**
 * The one place where the conditional-write rules of the HTTP contract are decided: every write is
 * read -> check the precondition -> decide -> conditional write. A lost race (duplicate insert, stale
 * version) re-reads and decides again, so concurrent identical first PUTs give one `created` and the rest
 * `unchanged`, and no update is lost. A precondition that does not hold is a 412; a write that keeps losing
 * races is a 409. Use cases call this and keep no retry loops of their own.
 *
 * No write starts after the request's deadline (`currentDeadline()`): a caller that gave up on the request
 * (a coordinating gateway) can rely on a late write being refused (a 503), not applied after its answer.
 *
 * With `ownership`, every call says whose aggregates the caller may touch (`Access`): someone else's is
 * not found, before any precondition is looked at (a 412 would tell a prober what it holds), and a write
 * may not make an aggregate someone else's without access to everything.
 */
export class VersionedWrites<T extends Versioned> {
  readonly #repository: VersionedRepository<T>;
  readonly #notFound: (id: string) => AppError;
  readonly #ownership: Ownership<T> | undefined;

  constructor(
    repository: VersionedRepository<T>,
    options: { notFound: (id: string) => AppError; ownership?: Ownership<T> },
  ) {
    this.#repository = repository;
    this.#notFound = options.notFound;
    this.#ownership = options.ownership;
  }

  async get(id: string, access: Access): Promise<T> {
    const current = await this.#readVisible(id, access);
    if (!current) throw this.#notFound(id);
    return current;
  }

  /** Whether the aggregate exists and the caller may see it (and so, for example, the operations on it). */
  async isVisible(id: string, access: Access): Promise<boolean> {
    const current = await this.#repository.findById(id);
    return current !== undefined && (!this.#ownership || mayAccess(access, this.#ownership.ownerOf(current)));
  }

  /** Create-or-replace (an idempotent PUT). `rules` see the state just read, after every lost race too. */
  async createOrReplace(
    id: string,
    precondition: Precondition,
    access: Access,
    rules: CreateOrReviseRules<T>,
  ): Promise<PutResult<T>> {
    // A create-only PUT (If-None-Match: *, as a coordinator sends to a side that lacks the resource) tries
    // the insert first: the unique id decides, so a new aggregate costs one database call instead of two.
    // Only a lost insert reads, and is answered as below (412, or not found when it is someone else's).
    // One that names another owner reads first, as any other PUT does: someone else's existing aggregate is
    // then not found (404) and only an absent one is forbidden (403), whichever precondition came with it.
    if (precondition.kind === "absent") {
      const created = rules.create();
      if (this.#mayOwn(created, access) && (await this.#insert(created)) === "inserted") {
        return { outcome: "created", value: created, previous: undefined };
      }
    }
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const current = await this.#readChecked(id, precondition, access);
      if (!current) {
        const created = rules.create();
        this.#assertMayOwn(created, access);
        if ((await this.#insert(created)) === "inserted") {
          return { outcome: "created", value: created, previous: undefined };
        }
        continue;
      }
      const revision = rules.revise(current);
      this.#assertMayOwn(revision.value, access);
      if (await this.#stored(current, revision)) {
        return { outcome: revision.changed ? "replaced" : "unchanged", value: revision.value, previous: current };
      }
    }
    throw new ConcurrentModificationError(`${id} kept changing while it was being written`);
  }

  /** Changes an existing aggregate (a part of it replaced, a step of an operation); absent is not found. */
  async change(
    id: string,
    precondition: Precondition,
    access: Access,
    change: (current: T) => Revision<T>,
  ): Promise<ChangeResult<T>> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const current = await this.#readChecked(id, precondition, access);
      if (!current) throw this.#notFound(id);
      const revision = change(current);
      this.#assertMayOwn(revision.value, access);
      if (await this.#stored(current, revision)) return { ...revision, previous: current };
    }
    throw new ConcurrentModificationError(`${id} kept changing while it was being written`);
  }

  /**
   * Deleting what is already gone succeeds (DELETE is idempotent), unless a precondition needed it.
   * Someone else's aggregate is not found, as on every other call: its content stays unseen (that an id is
   * taken shows, as it does to a PUT of a client-chosen id).
   */
  async remove(id: string, precondition: Precondition, access: Access): Promise<"deleted" | "absent"> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const current = await this.#readChecked(id, precondition, access);
      if (!current) return "absent";
      if ((await this.#remove(id, current.version)) === "removed") return "deleted";
    }
    throw new ConcurrentModificationError(`${id} kept changing while it was being deleted`);
  }

  async #readVisible(id: string, access: Access): Promise<T | undefined> {
    const current = await this.#repository.findById(id);
    if (current && this.#ownership && !mayAccess(access, this.#ownership.ownerOf(current))) throw this.#notFound(id);
    return current;
  }

  async #readChecked(id: string, precondition: Precondition, access: Access): Promise<T | undefined> {
    const current = await this.#readVisible(id, access);
    if (!preconditionHolds(precondition, current?.version)) {
      throw new PreconditionFailedError(
        current ? `the current ETag of ${id} does not satisfy the condition` : `${id} does not exist`,
      );
    }
    return current;
  }

  #mayOwn(value: T, access: Access): boolean {
    return !this.#ownership || mayAccess(access, this.#ownership.ownerOf(value));
  }

  #assertMayOwn(value: T, access: Access): void {
    if (this.#ownership && !this.#mayOwn(value, access)) throw this.#ownership.forbidden(value.id);
  }

  #insert(value: T): Promise<"inserted" | "duplicate"> {
    mayStartWrite(value.id);
    return this.#repository.insert(value);
  }

  #remove(id: string, version: number): Promise<"removed" | "stale"> {
    mayStartWrite(id);
    return this.#repository.remove(id, version);
  }

  /**
   * Stores a revision; false when another writer got there first and the caller should re-read (and check
   * the precondition again: an If-Match naming the version it was overtaken by still holds).
   */
  async #stored(current: T, revision: Revision<T>): Promise<boolean> {
    if (!revision.changed) return true;
    mayStartWrite(current.id);
    return (await this.#repository.replace(revision.value, current.version)) === "replaced";
  }
}

/** Throws `DeadlineExceededError` once the current request's deadline has passed (no deadline: never). */
function mayStartWrite(id: string): void {
  currentDeadline()?.assertMayStart(`the write of ${id}`);
}
