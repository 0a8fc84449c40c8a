import { type Access, EVERYTHING } from "@starter/service-kit/auth";
import {
  EMPTY_PAGE,
  NO_PRECONDITION,
  ownedFilter,
  type Page,
  type PageRequest,
  type Precondition,
  type PutOutcome,
  type PutResult,
  type Revision,
  VersionedWrites,
} from "@starter/service-kit/versioned-writes";
import { ConfirmationNotFoundError, DeliveryNotFoundError, DeliveryOwnerForbiddenError } from "./delivery.errors.ts";
import type { DeliveryFilter, DeliveryRepository } from "./delivery.repository.ts";
import {
  type Confirmation,
  type Coordinates,
  confirmDelivery,
  createDelivery,
  type Delivery,
  type DeliveryDetails,
  dispatchDelivery,
  replaceDropoff,
  reviseDelivery,
} from "./delivery.ts";

export type ConfirmationResult = Readonly<{ outcome: PutOutcome; delivery: Delivery; confirmation: Confirmation }>;

/**
 * The use cases, in the words of the contract. Every write goes through the kit's write engine, which
 * decides preconditions (412) and lost races (re-read, or 409); what is left here is the domain's part.
 * Each use case is given the caller's `Access`: a delivery belongs to its `ownerId`, and someone else's
 * is not found (OWASP API1: checked where the delivery is read, whichever route reads it).
 */
export class DeliveryService {
  readonly #repository: DeliveryRepository;
  readonly #writes: VersionedWrites<Delivery>;

  constructor(repository: DeliveryRepository) {
    this.#repository = repository;
    this.#writes = new VersionedWrites(repository, {
      notFound: (id) => new DeliveryNotFoundError(id),
      ownership: { ownerOf: (delivery) => delivery.ownerId, forbidden: (id) => new DeliveryOwnerForbiddenError(id) },
    });
  }

  get(id: string, access: Access): Promise<Delivery> {
    return this.#writes.get(id, access);
  }

  /** Whether the delivery exists and the caller may see it (and so the operations on it). */
  isVisible(id: string, access: Access): Promise<boolean> {
    return this.#writes.isVisible(id, access);
  }

  /** The caller's deliveries only, unless it may see everything: another owner's filter finds nothing. */
  async list(filter: DeliveryFilter, page: PageRequest, access: Access): Promise<Page<Delivery>> {
    const owned = ownedFilter(filter, access);
    return owned ? this.#repository.list(owned, page) : EMPTY_PAGE;
  }

  /**
   * Create-or-replace. `detailsFor` derives the details from the state just read, so an input that merges
   * onto the stored state (an older API version's) is merged again after a lost race, never onto stale data.
   */
  put(
    id: string,
    detailsFor: (current: Delivery | undefined) => DeliveryDetails,
    precondition: Precondition,
    access: Access,
  ): Promise<PutResult<Delivery>> {
    return this.#writes.createOrReplace(id, precondition, access, {
      create: () => createDelivery(id, detailsFor(undefined)),
      revise: (current) => reviseDelivery(current, detailsFor(current)),
    });
  }

  putDropoff(
    id: string,
    dropoff: Coordinates,
    precondition: Precondition,
    access: Access,
  ): Promise<Revision<Delivery>> {
    return this.#writes.change(id, precondition, access, (current) => replaceDropoff(current, dropoff));
  }

  /**
   * The effect of a dispatch operation; idempotent per operation (see `dispatchDelivery`). Run by the
   * service's worker, not for a caller: the caller's access was checked when the operation was started.
   */
  async dispatch(id: string, operationId: string): Promise<void> {
    await this.#writes.change(id, NO_PRECONDITION, EVERYTHING, (current) => dispatchDelivery(current, operationId));
  }

  async getConfirmation(id: string, access: Access): Promise<{ delivery: Delivery; confirmation: Confirmation }> {
    const delivery = await this.get(id, access);
    if (!delivery.confirmation) throw new ConfirmationNotFoundError(id);
    return { delivery, confirmation: delivery.confirmation };
  }

  /** `created` when the delivery had no confirmation before. */
  async putConfirmation(
    id: string,
    confirmation: Confirmation,
    precondition: Precondition,
    access: Access,
  ): Promise<ConfirmationResult> {
    const { previous, value, changed } = await this.#writes.change(id, precondition, access, (current) =>
      confirmDelivery(current, confirmation),
    );
    const outcome: PutOutcome = !changed ? "unchanged" : previous.confirmation ? "replaced" : "created";
    return { outcome, delivery: value, confirmation };
  }

  delete(id: string, precondition: Precondition, access: Access): Promise<"deleted" | "absent"> {
    return this.#writes.remove(id, precondition, access);
  }
}
