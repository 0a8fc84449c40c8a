import { ConcurrentModificationError, PreconditionFailedError } from "@starter/service-kit/errors";
import {
  createOrReplace,
  NO_PRECONDITION,
  type Precondition,
  type PutOutcome,
  preconditionHolds,
} from "@starter/service-kit/preconditions";
import { ConfirmationNotFoundError, DeliveryNotFoundError } from "./delivery.errors.ts";
import type { DeliveryFilter, DeliveryRepository, Page, PageRequest } from "./delivery.repository.ts";
import {
  type Confirmation,
  type Coordinates,
  confirmDelivery,
  createDelivery,
  type Delivery,
  type DeliveryDetails,
  dispatchDelivery,
  type Revision,
  replaceDropoff,
  reviseDelivery,
} from "./delivery.ts";

export type { PutOutcome };
export type PutResult = Readonly<{ outcome: PutOutcome; delivery: Delivery }>;
export type ConfirmationResult = PutResult & Readonly<{ confirmation: Confirmation }>;

/** How often a write that lost a race re-reads and tries again before giving up with a 409. */
const MAX_ATTEMPTS = 5;

/**
 * The use cases, in the words of the contract. Every write is read -> decide -> conditional write;
 * a lost race (duplicate insert, stale version) re-reads and decides again, so concurrent identical
 * PUTs give one `created` and the rest `unchanged`, and no update is ever lost.
 */
export class DeliveryService {
  readonly #repository: DeliveryRepository;

  constructor(repository: DeliveryRepository) {
    this.#repository = repository;
  }

  async get(id: string): Promise<Delivery> {
    const delivery = await this.#repository.findById(id);
    if (!delivery) throw new DeliveryNotFoundError(id);
    return delivery;
  }

  list(filter: DeliveryFilter, page: PageRequest): Promise<Page<Delivery>> {
    return this.#repository.list(filter, page);
  }

  /**
   * Create-or-replace. `detailsFor` derives the details from the state just read, so an input that merges
   * onto the stored state (an older API version's) is merged again after a lost race, never onto stale data.
   */
  async put(
    id: string,
    detailsFor: (current: Delivery | undefined) => DeliveryDetails,
    precondition: Precondition,
  ): Promise<PutResult> {
    const store = {
      find: () => this.#repository.findById(id),
      insert: (delivery: Delivery) => this.#repository.insert(delivery),
      replace: (delivery: Delivery, expectedVersion: number) => this.#repository.replace(delivery, expectedVersion),
    };
    const { outcome, value } = await createOrReplace(store, precondition, {
      create: () => createDelivery(id, detailsFor(undefined)),
      revise: (current) => {
        const revision = reviseDelivery(current, detailsFor(current));
        return { value: revision.delivery, changed: revision.changed };
      },
    });
    return { outcome, delivery: value };
  }

  async putDropoff(id: string, dropoff: Coordinates, precondition: Precondition): Promise<Revision> {
    const { revision } = await this.#change(id, precondition, (current) => replaceDropoff(current, dropoff));
    return revision;
  }

  /** The effect of a dispatch operation; idempotent per operation (see `dispatchDelivery`). */
  async dispatch(id: string, operationId: string): Promise<Revision> {
    const { revision } = await this.#change(id, NO_PRECONDITION, (current) => dispatchDelivery(current, operationId));
    return revision;
  }

  async getConfirmation(id: string): Promise<{ delivery: Delivery; confirmation: Confirmation }> {
    const delivery = await this.get(id);
    if (!delivery.confirmation) throw new ConfirmationNotFoundError(id);
    return { delivery, confirmation: delivery.confirmation };
  }

  /** `created` when the delivery had no confirmation before. */
  async putConfirmation(
    id: string,
    confirmation: Confirmation,
    precondition: Precondition,
  ): Promise<ConfirmationResult> {
    const { previous, revision } = await this.#change(id, precondition, (current) =>
      confirmDelivery(current, confirmation),
    );
    const outcome: PutOutcome = !revision.changed ? "unchanged" : previous.confirmation ? "replaced" : "created";
    return { outcome, delivery: revision.delivery, confirmation };
  }

  /** Deleting what is already gone succeeds (DELETE is idempotent), unless a precondition needed it. */
  async delete(id: string, precondition: Precondition): Promise<"deleted" | "absent"> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const current = await this.#repository.findById(id);
      assertPrecondition(precondition, current);
      if (!current) return "absent";
      if ((await this.#repository.remove(id, current.version)) === "removed") return "deleted";
    }
    throw new ConcurrentModificationError(`delivery ${id} kept changing while it was being deleted`);
  }

  /** Changes part of an existing delivery; the previous state is returned for callers that report on it. */
  async #change(
    id: string,
    precondition: Precondition,
    change: (current: Delivery) => Revision,
  ): Promise<{ previous: Delivery; revision: Revision }> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const current = await this.#repository.findById(id);
      assertPrecondition(precondition, current);
      if (!current) throw new DeliveryNotFoundError(id);
      const revision = await this.#write(current, change(current), precondition);
      if (revision) return { previous: current, revision };
    }
    throw new ConcurrentModificationError(`delivery ${id} kept changing while it was being written`);
  }

  /** Stores a revision; `undefined` when another writer got there first and the caller should re-read. */
  async #write(current: Delivery, revision: Revision, precondition: Precondition): Promise<Revision | undefined> {
    if (!revision.changed) return revision;
    if ((await this.#repository.replace(revision.delivery, current.version)) === "replaced") return revision;
    // The version the client's If-Match named is gone: re-reading cannot make the condition hold again.
    if (precondition.kind === "version-in") throw new PreconditionFailedError("the delivery changed in the meantime");
    return undefined;
  }
}

function assertPrecondition(precondition: Precondition, current: Delivery | undefined): void {
  if (!preconditionHolds(precondition, current?.version)) {
    throw new PreconditionFailedError(
      current ? "the delivery's current ETag does not satisfy the condition" : "the delivery does not exist",
    );
  }
}
